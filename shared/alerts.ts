/**
 * What an alert is, as the desk records, streams and shows it (DOMAIN.md "Alerts").
 * Declared with zod so the contract can carry them as they are: these schemas import nothing
 * from main/ and can move to shared/ unchanged when the alert channels are added.
 */
import { z } from 'zod';

export const alertLevelSchema = z.enum(['warn', 'critical']);
export type AlertLevel = z.infer<typeof alertLevelSchema>;

/** `resolved` is final for that occurrence; the same key may open again later as a new one. */
export const alertStateSchema = z.enum(['open', 'acknowledged', 'snoozed', 'resolved']);
export type AlertState = z.infer<typeof alertStateSchema>;

export const alertRuleSchema = z.enum([
  'concentration',
  'group-exposure',
  'group-floating',
  'region-exposure',
  'region-floating',
  'volatility',
  'margin',
  'large-money',
  'large-deal',
  'stale-feed',
  'server',
]);
export type AlertRule = z.infer<typeof alertRuleSchema>;

/**
 * What `value` and `threshold` count: desk-currency cents, a share of 1, a margin level in %,
 * account-currency units (margin levels of MarginSOMode money), desk volume (1e-8 lot),
 * milliseconds, or a multiple of the symbol's typical move.
 */
export const alertUnitSchema = z.enum(['money', 'share', 'percent', 'currency', 'volume', 'ms', 'multiple']);
export type AlertUnit = z.infer<typeof alertUnitSchema>;

const timeMsc = z.number().int().nonnegative();
const who = z.string().min(1).max(128);

export const alertSchema = z.object({
  /** Rule + subject, e.g. `concentration:sim-1:EURUSD`: at most one occurrence of a key is active. */
  key: z.string().min(1).max(256),
  rule: alertRuleSchema,
  /** Null for subjects that span servers (a client region). */
  server: z.string().nullable(),
  /** What the alert is about, in the dealer's words: a symbol, group, region, login or deal. */
  subject: z.string(),
  level: alertLevelSchema,
  state: alertStateSchema,
  /** When this occurrence opened, and when its condition was last seen breached (or it last changed). */
  firstMsc: timeMsc,
  lastMsc: timeMsc,
  /** The latest measured value, and the threshold of the level it stands at. */
  value: z.number(),
  threshold: z.number(),
  unit: alertUnitSchema,
  message: z.string(),
  /** The broker's net notional in the subject's symbol (desk cents), where the rule concerns one. */
  brokerNetNotional: z.number().int().nullable(),
  acknowledgedBy: who.nullable(),
  acknowledgedMsc: timeMsc.nullable(),
  snoozedBy: who.nullable(),
  snoozedUntilMsc: timeMsc.nullable(),
  /** Null with `resolvedMsc` set means the desk resolved it (the condition cleared). */
  resolvedBy: who.nullable(),
  resolvedMsc: timeMsc.nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

/** Every change is one history entry; `reopened` is a snooze that expired on a live condition. */
export const alertChangeKindSchema = z.enum([
  'opened',
  'escalated',
  'deescalated',
  'acknowledged',
  'snoozed',
  'reopened',
  'resolved',
]);
export type AlertChangeKind = z.infer<typeof alertChangeKindSchema>;

export const alertChangeSchema = z.object({
  kind: alertChangeKindSchema,
  atMsc: timeMsc,
  /** The person who acted; null when the desk itself did (a rule opened, escalated or cleared it). */
  by: who.nullable(),
  /** The alert as it stood right after the change. */
  alert: alertSchema,
});
export type AlertChange = z.infer<typeof alertChangeSchema>;

/**
 * What the engine hands over since the last drain: the changes (persist and stream each one, in
 * order) and the active alerts whose value or message moved without changing level or state
 * (latest per key; persisting them is optional, streaming them keeps the panel current).
 */
export interface AlertDrain {
  changes: AlertChange[];
  updated: Alert[];
}

export type AlertActionErrorCode = 'alert_not_found' | 'snooze_in_past';

export type AlertActionResult =
  | { ok: true; value: Alert }
  | { ok: false; error: { code: AlertActionErrorCode; message: string } };

/** Active = still on the desk's list: not resolved. */
export const isActive = (alert: Pick<Alert, 'state'>): boolean => alert.state !== 'resolved';
