/**
 * What a dealer asks of a server from the desk, and how each request stands: balance operations
 * (DOMAIN.md "Money operations") and account changes. Every action is pending until the server's
 * own event confirms it, and every step is written to the audit trail.
 */
import { z } from 'zod';
import { DealAction } from './mt5';
import { accountRowSchema } from './rows';

const server = z.string().min(1).max(64);
/** Logins arrive as typed by a person; the core refuses unknown ones with a clear, audited error. */
const login = z.number().int();

/** The balance operations a dealer sends (MT5 DealAction 2..6 with a sign). */
export const balanceKindSchema = z.enum(['deposit', 'withdrawal', 'credit-in', 'credit-out', 'bonus', 'correction']);
export type BalanceKind = z.infer<typeof balanceKindSchema>;

/**
 * The deal each kind becomes: its action and the sign of the amount. A correction carries its own
 * sign (it may fix an error either way); a bonus goes to credit.
 */
export const balanceKinds: Record<BalanceKind, { action: number; sign: 1 | -1 | 0; label: string }> = {
  deposit: { action: DealAction.BALANCE, sign: 1, label: 'Deposit' },
  withdrawal: { action: DealAction.BALANCE, sign: -1, label: 'Withdrawal' },
  'credit-in': { action: DealAction.CREDIT, sign: 1, label: 'Credit in' },
  'credit-out': { action: DealAction.CREDIT, sign: -1, label: 'Credit out' },
  bonus: { action: DealAction.BONUS, sign: 1, label: 'Bonus' },
  correction: { action: DealAction.CORRECTION, sign: 0, label: 'Correction' },
};

/**
 * An amount as the dealer typed it: a decimal string ("1500.25") or a number. The core parses it
 * strictly into cents and refuses anything else with a clear message (and audits the refusal).
 */
export const amountInputSchema = z.union([z.string().max(40), z.number()]);

/** Changes to an account (MT5 UserUpdate): one at a time, so each is confirmed by its own event. */
export const accountChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('leverage'), leverage: z.number() }).strict(),
  z.object({ kind: z.literal('group'), group: z.string().max(64) }).strict(),
  z.object({ kind: z.literal('trading'), enabled: z.boolean() }).strict(),
]);
export type AccountChange = z.infer<typeof accountChangeSchema>;

export const balanceRequestSchema = z
  .object({
    server,
    login,
    kind: balanceKindSchema,
    amount: amountInputSchema,
    /** The dealer's note; it follows the CRM transaction id in the deal comment (31 characters in all). */
    note: z.string().max(200).default(''),
    /** Set by the window per dialog submit, so a double click or a resend never creates two operations. */
    requestId: z.string().min(8).max(64).optional(),
  })
  .strict();
export type BalanceRequest = z.infer<typeof balanceRequestSchema>;

export const actionStateSchema = z.enum([
  /** Above the four-eyes amount: waits for a second operator. */
  'awaiting-approval',
  /** Sent (or being retried): no answer yet. */
  'sending',
  /** The server accepted it; waiting for its own event (the balance deal, the account update). */
  'pending',
  /** The server's event arrived and matches. */
  'confirmed',
  /** The server refused it (its reason is in `error`). */
  'failed',
  /** The second operator said no. */
  'rejected',
  /** No answer and no matching event after every retry: someone must check the server. */
  'unresolved',
]);
export type ActionState = z.infer<typeof actionStateSchema>;

export const actionKindSchema = z.union([balanceKindSchema, z.enum(['leverage', 'group', 'trading'])]);
export type ActionKind = z.infer<typeof actionKindSchema>;

/** One action as the desk tracks it (a grid row, keyed by its id: the CRM transaction id for money). */
export const actionRowSchema = z.object({
  id: z.string(),
  server: z.string(),
  login: z.number().int(),
  kind: actionKindSchema,
  /** Signed cents of the account currency, as booked (balance operations only). */
  amount: z.number().int().nullable(),
  currency: z.string(),
  /** What the account goes from and to, as a dealer reads it ("1:100" → "1:200"); money: the comment sent. */
  before: z.string(),
  after: z.string(),
  note: z.string(),
  state: actionStateSchema,
  requestedBy: z.string(),
  requestedAtMsc: z.number().int(),
  approvedBy: z.string().nullable(),
  attempts: z.number().int(),
  /** The confirming deal (balance operations). */
  dealTicket: z.number().int().nullable(),
  updatedAtMsc: z.number().int(),
  /** Why it failed, was rejected or is unresolved; with the server's retcode when it gave one. */
  error: z.object({ message: z.string(), retcode: z.number().int().nullable() }).nullable(),
});
export type ActionRow = z.infer<typeof actionRowSchema>;

const marginFigures = z.object({
  equity: z.number().int(),
  margin: z.number().int(),
  marginFree: z.number().int(),
  marginLevel: z.number().nullable(),
});

/** An action's effect on the account before it is sent: margin level and what it would cross. */
export const impactPreviewSchema = z.object({
  server: z.string(),
  login: z.number().int(),
  currency: z.string(),
  before: marginFigures,
  after: marginFigures,
  marginCallLevel: z.number(),
  stopOutLevel: z.number(),
  /** The worst line the change would take the account across, if any. */
  crosses: z.enum(['none', 'margin-call', 'stop-out']),
  /** Anything that would make the server refuse it, said before it is sent. */
  warnings: z.array(z.string()),
});
export type ImpactPreview = z.infer<typeof impactPreviewSchema>;

export const previewRequestSchema = z
  .object({
    server,
    login,
    change: z.discriminatedUnion('kind', [
      ...accountChangeSchema.options,
      z.object({ kind: z.literal('withdrawal'), amount: amountInputSchema }).strict(),
    ]),
  })
  .strict();

/** The same action on many accounts: a dry run first (validation and preview per account), then for real. */
export const bulkRequestSchema = z
  .object({
    accounts: z.array(z.object({ server, login }).strict()).min(1).max(500),
    action: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('balance'),
          balanceKind: balanceKindSchema,
          amount: amountInputSchema,
          note: z.string().max(200).default(''),
        })
        .strict(),
      z.object({ kind: z.literal('account'), change: accountChangeSchema }).strict(),
    ]),
    dryRun: z.boolean(),
  })
  .strict();
export type BulkRequest = z.infer<typeof bulkRequestSchema>;

export const bulkResultSchema = z.object({
  dryRun: z.boolean(),
  results: z.array(
    z.object({
      server: z.string(),
      login: z.number().int(),
      ok: z.boolean(),
      /** What would happen (dry run) or happened, or why it was refused. */
      message: z.string(),
      preview: impactPreviewSchema.nullable(),
      action: actionRowSchema.nullable(),
    }),
  ),
});
export type BulkResult = z.infer<typeof bulkResultSchema>;

/** The groups a login can move to, with what a dealer needs to choose. */
export const groupInfoSchema = z.object({
  name: z.string(),
  currency: z.string(),
  hedging: z.boolean(),
  marginCallLevel: z.number(),
  stopOutLevel: z.number(),
});

// ── audit trail ─────────────────────────────────────────────────────────────────────────────────

export const auditResultSchema = z.enum(['ok', 'refused', 'failed', 'pending', 'confirmed', 'unresolved']);
export type AuditResult = z.infer<typeof auditResultSchema>;

/** One link of the append-only, hash-chained trail: who, when, what, before and after, result. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  atMsc: z.number().int(),
  operator: z.string(),
  /** e.g. `balance.deposit`, `account.leverage`, `alert.acknowledge`, `operator.save`, `session.sign-in`. */
  action: z.string(),
  server: z.string().nullable(),
  login: z.number().int().nullable(),
  /** The thing acted on: an action id, an alert key, an operator name. */
  subject: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  result: auditResultSchema,
  message: z.string(),
  /** sha256 of the previous entry's hash and this entry's content (hex). */
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditFilterSchema = z
  .object({
    operator: z.string().max(32).optional(),
    /** A prefix: `balance` matches every balance operation. */
    action: z.string().max(64).optional(),
    server: server.optional(),
    login: z.number().int().optional(),
    result: auditResultSchema.optional(),
    fromMsc: z.number().int().nonnegative().optional(),
    toMsc: z.number().int().nonnegative().optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditVerificationSchema = z.object({
  entries: z.number().int(),
  ok: z.boolean(),
  /** The first entry whose hash does not follow from its content and its predecessor. */
  firstBroken: z.object({ id: z.number().int(), reason: z.string() }).nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

// ── client drawer ───────────────────────────────────────────────────────────────────────────────

export const timelineItemSchema = z.object({
  atMsc: z.number().int(),
  kind: z.enum(['deal', 'money', 'action', 'alert', 'routing']),
  server: z.string(),
  login: z.number().int().nullable(),
  title: z.string(),
  detail: z.string(),
});
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const clientDrawerSchema = z.object({
  client: z
    .object({
      clientId: z.string(),
      name: z.string(),
      country: z.string(),
      region: z.string(),
      kycStatus: z.enum(['pending', 'approved', 'rejected']),
      introducingBroker: z.string().nullable(),
    })
    .nullable(),
  accounts: z.array(accountRowSchema),
  /** Newest first. */
  timeline: z.array(timelineItemSchema),
});
export type ClientDrawer = z.infer<typeof clientDrawerSchema>;
