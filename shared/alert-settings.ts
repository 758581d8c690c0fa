/**
 * The alert thresholds: settings a risk manager edits in the app, never constants (DOMAIN.md).
 * Units are the desk's own (shared/units.ts): money in desk-currency cents, volume in 1e-8 lot,
 * time in ms, shares as a fraction of 1. The editor converts to currency and lots at the edge.
 *
 * Every field has a default, so a stored document from an older build (missing a newer rule)
 * parses to a complete one. `hysteresis` is a fraction of the threshold: with a 5,000,000 limit
 * and 0.1, an alert raised at the limit clears only below 4,500,000. A fraction, not an absolute
 * margin, so one notion fits notional, shares, margin levels and lag alike.
 */
import { z } from 'zod';
import { lotsToVolume } from './units';

const cents = (currencyUnits: number): number => currencyUnits * 100;

const hysteresis = (fallback: number) => z.number().min(0).max(0.9).default(fallback);
const limit = z.number().finite().nonnegative();

/** A warn and a critical threshold where more is worse: critical must be at or above warn. */
const levels = (warn: number, critical: number) =>
  z
    .object({ warn: limit.default(warn), critical: limit.default(critical) })
    .refine((l) => l.critical >= l.warn, { message: 'critical must be at or above warn', path: ['critical'] })
    .prefault({});

const thresholdRule = (warn: number, critical: number, hysteresisFallback: number) =>
  z
    .object({
      enabled: z.boolean().default(true),
      warn: limit.default(warn),
      critical: limit.default(critical),
      hysteresis: hysteresis(hysteresisFallback),
    })
    .refine((l) => l.critical >= l.warn, { message: 'critical must be at or above warn', path: ['critical'] })
    .prefault({});

export const alertSettingsSchema = z.object({
  /** |broker net notional| of a symbol, or its share of the total |broker net notional|. */
  concentration: z
    .object({
      enabled: z.boolean().default(true),
      notional: levels(cents(5_000_000), cents(10_000_000)),
      share: levels(0.25, 0.4),
      hysteresis: hysteresis(0.1),
    })
    .prefault({}),
  /** |net notional| of a group (per server) and of a client region (across servers). */
  groupExposure: thresholdRule(cents(10_000_000), cents(25_000_000), 0.1),
  regionExposure: thresholdRule(cents(20_000_000), cents(50_000_000), 0.1),
  /** Clients' floating profit (the broker's B-book loss) of a group or a region. */
  groupFloating: thresholdRule(cents(250_000), cents(1_000_000), 0.1),
  regionFloating: thresholdRule(cents(500_000), cents(2_000_000), 0.1),
  volatility: z
    .object({
      enabled: z.boolean().default(true),
      windowMs: z.number().int().min(1_000).max(3_600_000).default(60_000),
      /** How many past windows make the "recent typical move" (an exponential average). */
      typicalWindows: z.number().int().min(2).max(1_000).default(30),
      /** No spike is judged before this many windows were seen: a cold baseline says nothing. */
      minTypicalWindows: z.number().int().min(1).max(1_000).default(5),
      warnMultiple: z.number().positive().default(3),
      criticalMultiple: z.number().positive().default(5),
      /** Moves under this fraction of the price never count, so a dead-quiet market cannot "spike" on a pip. */
      minMoveFraction: z.number().min(0).max(0.1).default(0.0002),
      hysteresis: hysteresis(0.2),
    })
    .refine((v) => v.criticalMultiple >= v.warnMultiple, { message: 'critical must be at or above warn' })
    .refine((v) => v.minTypicalWindows <= v.typicalWindows, { message: 'minTypicalWindows above typicalWindows' })
    .prefault({}),
  /** Warn below the group's margin call level; critical within this fraction above its stop-out. */
  margin: z
    .object({
      enabled: z.boolean().default(true),
      criticalNearStopOut: z.number().min(0).max(5).default(0.2),
      hysteresis: hysteresis(0.05),
    })
    .prefault({}),
  /** One balance deal (deposit or withdrawal), |amount| in desk cents. */
  largeMoney: z
    .object({
      enabled: z.boolean().default(true),
      warn: limit.default(cents(50_000)),
      critical: limit.default(cents(250_000)),
    })
    .refine((l) => l.critical >= l.warn, { message: 'critical must be at or above warn', path: ['critical'] })
    .prefault({}),
  /** One trade deal's volume, desk units (1e-8 lot). */
  largeDeal: z
    .object({
      enabled: z.boolean().default(true),
      warn: limit.default(lotsToVolume(50)),
      critical: limit.default(lotsToVolume(200)),
    })
    .refine((l) => l.critical >= l.warn, { message: 'critical must be at or above warn', path: ['critical'] })
    .prefault({}),
  /** No tick for a traded symbol for this long, on its server's clock. */
  staleFeed: z
    .object({
      enabled: z.boolean().default(true),
      warnAfterMs: z.number().int().positive().default(30_000),
      criticalAfterMs: z.number().int().positive().default(120_000),
    })
    .refine((s) => s.criticalAfterMs >= s.warnAfterMs, { message: 'critical must be at or above warn' })
    .prefault({}),
  /** Disconnected is critical; lag beyond these is warn/critical; not live after the grace is warn. */
  server: z
    .object({
      enabled: z.boolean().default(true),
      lagWarnMs: z.number().int().positive().default(5_000),
      lagCriticalMs: z.number().int().positive().default(30_000),
      connectGraceMs: z.number().int().nonnegative().default(60_000),
      hysteresis: hysteresis(0.2),
    })
    .refine((s) => s.lagCriticalMs >= s.lagWarnMs, { message: 'critical must be at or above warn' })
    .prefault({}),
});

export type AlertSettings = z.infer<typeof alertSettingsSchema>;
/** The settings document as an editor or an older build may send it (any field may be missing). */
export type AlertSettingsInput = z.input<typeof alertSettingsSchema>;

export const DEFAULT_ALERT_SETTINGS: AlertSettings = alertSettingsSchema.parse({});

export type AlertSettingsParse = { ok: true; value: AlertSettings } | { ok: false; message: string };

/** Validates untrusted settings (an edit from the renderer, a stored document) into a message a person can act on. */
export function parseAlertSettings(raw: unknown): AlertSettingsParse {
  const result = alertSettingsSchema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `Alert settings are invalid (${where}${issue?.message ?? 'unknown problem'}).` };
}
