/**
 * The desk's contract: every request and stream channel, declared once (ARCHITECTURE.md §3).
 * Handlers, the preload bridge and the renderer client are all typed from this map, so a
 * channel without a handler does not compile. Inputs are parsed with these schemas at the
 * boundary; outputs are typed by them.
 */
import { z } from 'zod';
import {
  accountChangeSchema,
  actionRowSchema,
  auditEntrySchema,
  auditFilterSchema,
  auditVerificationSchema,
  balanceRequestSchema,
  bulkRequestSchema,
  bulkResultSchema,
  clientDrawerSchema,
  groupInfoSchema,
  impactPreviewSchema,
  previewRequestSchema,
} from './actions';
import { alertSettingsSchema } from './alert-settings';
import { alertChangeSchema, alertSchema } from './alerts';
import { exposureSnapshotSchema } from './exposure';
import {
  type Actor,
  limitsSchema,
  operatorNameSchema,
  operatorSchema,
  type Permission,
  passwordSchema,
  roleSchema,
  sessionStateSchema,
} from './operators';
import { routingApplySchema, routingBookSchema, routingMapSchema, toxicFilterSchema, toxicRowSchema } from './routing';
import { accountRowSchema, dealRowSchema, positionRowSchema, rowDeltaSchema, serverStatusSchema } from './rows';
import {
  serverIdSchema,
  serverListSchema,
  serverSaveSchema,
  serverTestResultSchema,
  serverTestSchema,
} from './servers';
import { toxicProfileSchema, toxicSettingsSchema } from './toxic';

const server = z.string().min(1).max(64);
const login = z.number().int().positive();
const symbol = z.string().min(1).max(32);

const gridFilter = z
  .object({
    server: server.optional(),
    login: login.optional(),
    symbol: symbol.optional(),
    group: z.string().max(64).optional(),
  })
  .strict();

/** A row of the exposure panel, to drill down to the positions behind it. */
const exposureRowRef = z.discriminatedUnion('tab', [
  z.object({ tab: z.literal('symbol'), server, symbol }).strict(),
  z.object({ tab: z.literal('group'), server, group: z.string().min(1).max(64) }).strict(),
  z.object({ tab: z.literal('region'), region: z.string().min(1).max(64) }).strict(),
  z.object({ tab: z.literal('book'), book: z.string().min(1).max(16) }).strict(),
  z.object({ tab: z.literal('asset'), asset: z.string().min(1).max(32) }).strict(),
]);

/** An alert as a grid row: keyed by its alert key. */
export const alertRowSchema = alertSchema.extend({ id: z.string() });
export type AlertRow = z.infer<typeof alertRowSchema>;
const alertKey = z.object({ key: z.string().min(1).max(256) }).strict();

const actionId = z.object({ id: z.string().min(1).max(64) }).strict();

/** A grid's rows in view (row ids), reported by a window as it scrolls, sorts and filters. */
const viewportRequest = {
  permission: 'read',
  input: z.object({ ids: z.array(z.string().max(80)).max(500) }).strict(),
  output: z.object({ watching: z.number().int() }),
} as const;

/** Layout keys are names the renderer chooses for its own state, never paths. */
const layoutKey = z.string().regex(/^[a-z][a-z0-9.-]{0,63}$/, 'a layout key is a short lowercase name');

export const requests = {
  /** The window has subscribed and can take streams; answers what it needs to render the first frame. */
  'desk.ready': {
    permission: 'read',
    input: z.object({}).strict(),
    output: z.object({ deskCurrency: z.string(), servers: z.array(z.string()), version: z.string() }),
  },
  'positions.list': {
    permission: 'read',
    input: gridFilter,
    output: z.array(positionRowSchema),
  },
  'accounts.list': {
    permission: 'read',
    input: gridFilter,
    output: z.array(accountRowSchema),
  },
  'deals.list': {
    permission: 'read',
    input: z
      .object({
        server: server.optional(),
        login: login.optional(),
        fromMsc: z.number().int().nonnegative(),
        toMsc: z.number().int().nonnegative(),
        limit: z.number().int().min(1).max(10_000).default(1000),
      })
      .strict()
      .refine((q) => q.fromMsc <= q.toMsc, 'fromMsc must not be after toMsc'),
    output: z.array(dealRowSchema),
  },
  'status.list': {
    permission: 'read',
    input: z.object({}).strict(),
    output: z.array(serverStatusSchema),
  },
  /**
   * The position rows a window shows. Price revaluations of these rows stream every frame; the rest
   * of the book is revalued in slices, so 20,000 positions never flood a window at once.
   */
  'positions.viewport': viewportRequest,
  /** The account rows a window shows: their equity and margin stream every frame they move. */
  'accounts.viewport': viewportRequest,
  /** The embedded simulator's speed: 0 pauses it (training, demos, tests); refused on a real server. */
  'sim.control': {
    permission: 'simulate',
    input: z.object({ speed: z.number().min(0).max(1000) }).strict(),
    output: z.object({ speed: z.number() }),
  },
  /** A market shock in the embedded simulator: one symbol's price jumps by `percent` (training, tests). */
  'sim.shock': {
    permission: 'simulate',
    input: z.object({ symbol, percent: z.number().min(-90).max(500) }).strict(),
    output: z.object({ symbol: z.string(), bid: z.number(), ask: z.number() }),
  },
  'exposure.snapshot': {
    permission: 'read',
    input: z.object({}).strict(),
    output: exposureSnapshotSchema,
  },
  /** A symbol's recent mid prices (per second), the desk's trades in it, and the broker's net exposure. */
  'charts.symbol': {
    permission: 'read',
    input: z.object({ server, symbol }).strict(),
    output: z.object({
      prices: z.array(z.object({ timeMsc: z.number().int(), price: z.number() })),
      trades: z.array(
        z.object({
          timeMsc: z.number().int(),
          price: z.number(),
          side: z.enum(['buy', 'sell']),
          lots: z.number(),
          login: z.number().int(),
          ticket: z.number().int(),
        }),
      ),
      exposure: z.array(z.object({ timeMsc: z.number().int(), brokerNetNotional: z.number().int() })),
    }),
  },
  /** The open positions behind one exposure row (drill-down). */
  'exposure.positions': {
    permission: 'read',
    input: exposureRowRef,
    output: z.array(positionRowSchema),
  },
  /** Alerts not yet resolved, and those resolved in the last hour. */
  'alerts.list': {
    permission: 'read',
    input: z.object({}).strict(),
    output: z.array(alertRowSchema),
  },
  'alerts.history': {
    permission: 'read',
    input: z
      .object({
        key: z.string().min(1).max(256).optional(),
        fromMsc: z.number().int().nonnegative().optional(),
        toMsc: z.number().int().nonnegative().optional(),
        beforeId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(5_000).default(200),
      })
      .strict(),
    output: z.array(alertChangeSchema.extend({ id: z.number().int() })),
  },
  'alerts.acknowledge': {
    permission: 'acknowledge',
    input: alertKey,
    output: alertRowSchema,
  },
  'alerts.snooze': {
    permission: 'acknowledge',
    input: alertKey
      .extend({
        minutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60),
      })
      .strict(),
    output: alertRowSchema,
  },
  'alerts.resolve': {
    permission: 'acknowledge',
    input: alertKey,
    output: alertRowSchema,
  },
  'alerts.settings': {
    permission: 'read',
    input: z.object({}).strict(),
    output: alertSettingsSchema,
  },
  'alerts.settings.save': {
    permission: 'tune-alerts',
    input: z.object({ settings: alertSettingsSchema }).strict(),
    output: alertSettingsSchema,
  },
  'layout.get': {
    permission: 'read',
    input: z.object({ key: layoutKey }).strict(),
    output: z.unknown(),
  },
  'layout.save': {
    permission: 'read',
    input: z.object({ key: layoutKey, state: z.unknown() }).strict(),
    output: z.object({ saved: z.literal(true) }),
  },
  // ── operators and sessions (issue 5) ───────────────────────────────────────────────────────
  /** Who is signed in on this window, and whether the first admin must still be created. */
  'session.state': { permission: 'public', input: z.object({}).strict(), output: sessionStateSchema },
  /** First launch only: creates the admin and signs them in. Refused once any operator exists. */
  'session.setup': {
    permission: 'public',
    input: z.object({ name: operatorNameSchema, password: passwordSchema }).strict(),
    output: sessionStateSchema,
  },
  'session.signIn': {
    permission: 'public',
    input: z.object({ name: z.string().max(64), password: z.string().max(256) }).strict(),
    output: sessionStateSchema,
  },
  'session.signOut': { permission: 'public', input: z.object({}).strict(), output: sessionStateSchema },
  'operators.list': { permission: 'admin', input: z.object({}).strict(), output: z.array(operatorSchema) },
  /** Creates or edits an operator; a new operator needs a password. */
  'operators.save': {
    permission: 'admin',
    input: z
      .object({
        name: operatorNameSchema,
        role: roleSchema,
        password: passwordSchema.optional(),
        /** Left out: unchanged (a new operator starts enabled). */
        disabled: z.boolean().optional(),
      })
      .strict(),
    output: operatorSchema,
  },
  'limits.get': { permission: 'read', input: z.object({}).strict(), output: limitsSchema },
  'limits.save': { permission: 'admin', input: z.object({ limits: limitsSchema }).strict(), output: limitsSchema },

  // ── dealer actions (issue 5) ───────────────────────────────────────────────────────────────
  /** A balance operation: validated, limit-checked, audited, then sent (or held for a second operator). */
  'actions.balance': { permission: 'act', input: balanceRequestSchema, output: actionRowSchema },
  /** A group, leverage or trading change, confirmed by the account event that follows. */
  'actions.account': {
    permission: 'act',
    input: z.object({ server, login: z.number().int(), change: accountChangeSchema }).strict(),
    output: actionRowSchema,
  },
  /** What a change would do to the account's margin level, before it is sent. */
  'actions.preview': { permission: 'read', input: previewRequestSchema, output: impactPreviewSchema },
  'actions.approve': { permission: 'approve', input: actionId, output: actionRowSchema },
  'actions.reject': {
    permission: 'approve',
    input: actionId.extend({ reason: z.string().trim().min(1).max(200) }).strict(),
    output: actionRowSchema,
  },
  /** Recent actions, newest first (all that are not settled, and the settled ones of the last day). */
  'actions.list': {
    permission: 'read',
    input: z.object({ server: server.optional(), login: login.optional() }).strict(),
    output: z.array(actionRowSchema),
  },
  'actions.bulk': { permission: 'act', input: bulkRequestSchema, output: bulkResultSchema },
  'groups.list': { permission: 'read', input: z.object({ server }).strict(), output: z.array(groupInfoSchema) },

  // ── audit trail and clients (issue 5) ──────────────────────────────────────────────────────
  'audit.list': {
    permission: 'read',
    input: auditFilterSchema
      .extend({
        beforeId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(5_000).default(500),
      })
      .strict(),
    output: z.array(auditEntrySchema),
  },
  /** Walks the whole chain and reports the first entry that was altered, if any. */
  'audit.verify': { permission: 'read', input: z.object({}).strict(), output: auditVerificationSchema },
  /** The filtered trail as CSV (every match, oldest first). */
  'audit.export': {
    permission: 'read',
    input: auditFilterSchema,
    output: z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() }),
  },
  /** A client: its accounts across servers, live, and one timeline of deals, money, actions and alerts. */
  'clients.drawer': { permission: 'read', input: z.object({ server, login }).strict(), output: clientDrawerSchema },

  // ── toxic flow and routing (issue 6) ───────────────────────────────────────────────────────
  /** Accounts with closed trades, ranked by overall score (highest first). */
  'toxic.list': { permission: 'read', input: toxicFilterSchema, output: z.array(toxicRowSchema) },
  /** One account's full profile: metrics, every detector's score and its evidence trades. */
  'toxic.profile': {
    permission: 'read',
    input: z.object({ server, login }).strict(),
    output: z.object({ row: toxicRowSchema, profile: toxicProfileSchema }),
  },
  'toxic.settings': { permission: 'read', input: z.object({}).strict(), output: toxicSettingsSchema },
  'toxic.settings.save': {
    permission: 'tune-alerts',
    input: z.object({ settings: z.unknown() }).strict(),
    output: toxicSettingsSchema,
  },
  /**
   * Routes an account to a book: a group change to its group's twin, sent through the actions
   * path and confirmed by the server's account update. Against the recommendation it needs a reason.
   */
  'routing.apply': {
    permission: 'act',
    input: routingApplySchema,
    output: z.object({ actionId: z.string(), group: z.string(), book: routingBookSchema, override: z.boolean() }),
  },
  /** Which B-book group twins which A-book group, per server. */
  'routing.map': { permission: 'read', input: z.object({}).strict(), output: routingMapSchema },
  'routing.map.save': {
    permission: 'admin',
    input: z.object({ pairs: routingMapSchema }).strict(),
    output: routingMapSchema,
  },

  // ── MT5 servers (issue 7) ──────────────────────────────────────────────────────────────────
  /** The configured servers (never their passwords) and how passwords are protected here. */
  'servers.list': { permission: 'admin', input: z.object({}).strict(), output: serverListSchema },
  'servers.save': { permission: 'admin', input: serverSaveSchema, output: serverListSchema },
  'servers.remove': { permission: 'admin', input: z.object({ id: serverIdSchema }).strict(), output: serverListSchema },
  /** Logs in to an access point and pings it, without saving anything. */
  'servers.test': { permission: 'admin', input: serverTestSchema, output: serverTestResultSchema },
} as const satisfies Record<string, { permission: Permission; input: z.ZodType; output: z.ZodType }>;

export const streams = {
  positions: rowDeltaSchema(positionRowSchema),
  accounts: rowDeltaSchema(accountRowSchema),
  status: z.array(serverStatusSchema),
  /** The whole exposure panel, about twice a second. */
  exposure: exposureSnapshotSchema,
  /** Alerts that opened or changed (state, level, value) since the last frame. */
  alerts: rowDeltaSchema(alertRowSchema),
  /** Dealer actions that were created or changed state (pending → confirmed, awaiting approval, ...). */
  actions: rowDeltaSchema(actionRowSchema),
  /** Toxic-flow rows whose scores, book or pending routing changed (every couple of seconds). */
  toxic: rowDeltaSchema(toxicRowSchema),
} as const;

export type RequestName = keyof typeof requests;
export type StreamName = keyof typeof streams;
export type RequestInput<K extends RequestName> = z.input<(typeof requests)[K]['input']>;
export type ParsedInput<K extends RequestName> = z.output<(typeof requests)[K]['input']>;
export type RequestOutput<K extends RequestName> = z.output<(typeof requests)[K]['output']>;
export type StreamPayload<K extends StreamName> = z.output<(typeof streams)[K]>;

export const requestNames = Object.keys(requests) as RequestName[];
export const streamNames = Object.keys(streams) as StreamName[];

export type ErrorCode =
  | 'bad_request'
  | 'unknown_channel'
  | 'forbidden_sender'
  /** No operator is signed in on this window. */
  | 'signed_out'
  /** The operator's role does not allow it, or a limit refuses it. */
  | 'forbidden'
  | 'not_ready'
  | 'not_supported'
  | 'internal';
export interface DeskError {
  code: ErrorCode;
  message: string;
}
export type Reply<T> = { ok: true; value: T } | { ok: false; error: DeskError };

/** Who is asking: each window (or browser tab) gets its own id from its transport. */
export interface RequestContext {
  windowId: string;
  /** The operator signed in on that window; null only for public requests (sign-in itself). */
  operator: Actor | null;
}

/** What each request needs (a compile error if a request does not say). */
export const permissionOf = (name: RequestName): Permission => requests[name].permission;

/** What the core must implement: one handler per request, typed from the contract. */
export type Handlers = {
  [K in RequestName]: (input: ParsedInput<K>, ctx: RequestContext) => RequestOutput<K> | Promise<RequestOutput<K>>;
};

/** A handler's refusal with a code the renderer can branch on (the router turns it into a reply). */
export class DeskRequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What a renderer sees (`window.desk` in Electron, a WebSocket client in browser mode). */
export type DeskApi = {
  [K in RequestName]: (input: RequestInput<K>) => Promise<Reply<RequestOutput<K>>>;
} & {
  subscribe<K extends StreamName>(stream: K, listener: (payload: StreamPayload<K>) => void): () => void;
};
