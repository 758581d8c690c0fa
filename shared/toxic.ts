/**
 * Toxic flow and A/B routing (DOMAIN.md): the detectors' thresholds, which are settings a risk
 * manager edits, and an account's toxic profile as the engine builds it and the desk shows it.
 * Declared with zod so the contract can carry them unchanged.
 *
 * Units are the desk's own: time in ms, shares as a fraction of 1, money in cents of the
 * account's currency, price moves in spreads (of the broker's quote at the open) or in basis
 * points, lots as numbers of lots (as exposure rows carry them).
 *
 * Every field has a default, so a stored document from an older build parses to a complete one.
 */
import { z } from 'zod';

export const toxicDetectorSchema = z.enum(['scalping', 'latency-arb', 'news', 'hedging', 'martingale', 'sharp-winner']);
export type ToxicDetector = z.infer<typeof toxicDetectorSchema>;
export const TOXIC_DETECTORS: readonly ToxicDetector[] = toxicDetectorSchema.options;
/** Each detector in the dealer's words. */
export const DETECTOR_NAMES: Record<ToxicDetector, string> = {
  'latency-arb': 'latency arbitrage',
  scalping: 'scalping',
  news: 'news trading',
  hedging: 'hedging across linked accounts',
  martingale: 'martingale',
  'sharp-winner': 'sharp winner',
};

const share = (fallback: number) => z.number().min(0).max(1).default(fallback);
const WEEK_MS = 7 * 86_400_000;
const ms = (fallback: number) => z.number().int().min(0).max(WEEK_MS).default(fallback);
const positive = (fallback: number) => z.number().positive().default(fallback);
const enabled = z.boolean().default(true);

export const toxicSettingsSchema = z.object({
  /** The rolling window: the last N closed trades of each account. */
  windowTrades: z.number().int().min(10).max(5_000).default(200),
  /** No detector judges an account with fewer closed trades in its window than this. */
  minTrades: z.number().int().min(1).max(1_000).default(10),
  /** Trades shown as evidence per detector, most recent first. */
  evidenceLimit: z.number().int().min(1).max(200).default(20),
  /** Trades held under `shortHoldMs`, other than latency arbitrage, make up `minShortShare` of the window. */
  scalping: z
    .object({
      enabled,
      shortHoldMs: ms(60_000),
      minShortShare: share(0.5),
      /** A scalper argues for the A-book only when its short trades win at least this often. */
      toxicWinRate: share(0.55),
    })
    .prefault({}),
  /**
   * An arbitrage trade: the broker's mid moved `minMoveSpreads` spreads the trade's way within
   * `windowMs` of the open, and the trade closed in profit within `maxHoldMs`. Flagged when such
   * trades are at least `minTrades` and `minShare` of the window.
   */
  latencyArb: z
    .object({
      enabled,
      windowMs: z.number().int().min(50).max(60_000).default(1_000),
      minMoveSpreads: positive(1),
      maxHoldMs: ms(30_000),
      minTrades: z.number().int().min(1).max(1_000).default(5),
      minShare: share(0.4),
    })
    .prefault({}),
  /**
   * A news trade opens up to `beforeSpikeMs` before or `afterSpikeMs` after the start of a
   * volatility spike in the broker's feed of its symbol, and is not a latency-arbitrage trade. A
   * spike starts on a tick whose spread is `spreadMultiple` times the symbol's typical spread (the
   * market withdrawing at news), or whose recent per-tick move is `moveMultiple` times the typical
   * one (both typical values are averages over about `baselineTicks` ticks); it ends after
   * `calmTicks` ordinary ticks in a row.
   */
  news: z
    .object({
      enabled,
      beforeSpikeMs: ms(5_000),
      afterSpikeMs: ms(5_000),
      minShare: share(0.5),
      spreadMultiple: positive(1.4),
      moveMultiple: positive(3),
      baselineTicks: z.number().int().min(10).max(100_000).default(300),
      calmTicks: z.number().int().min(1).max(1_000).default(5),
    })
    .prefault({}),
  /**
   * A hedged trade: a linked account (same CRM client) held the opposite side of the same symbol
   * for at least `minOverlap` of the trade's life. Flagged when `minShare` of the window is hedged.
   */
  hedging: z
    .object({
      enabled,
      minOverlap: share(0.5),
      minShare: share(0.5),
    })
    .prefault({}),
  /**
   * A martingale step: an entry at `growth` times the volume before it, either averaging down (a
   * same-side entry while the account's position in the symbol is under water) or the first entry
   * after a losing trade in the same symbol (compared with the volume that position opened with).
   * Flagged with at least `minSteps` steps that are `minStepShare` of the chances (the entries
   * where a martingale would have grown).
   */
  martingale: z
    .object({
      enabled,
      growth: z.number().min(1).max(100).default(1.6),
      minSteps: z.number().int().min(1).max(1_000).default(4),
      minStepShare: share(0.75),
    })
    .prefault({}),
  /**
   * Over the trades held at least `minHoldMs` (the ones the short-hold detectors do not explain):
   * at least `minTrades` of them, winning `minWinRate` of the time, making `minMeanReturnBps` of
   * their notional (profit over notional, in bps), with a t-statistic of the per-trade returns of
   * at least `minTStat`. Luck rarely does that, but a desk tests a thousand accounts at once, so
   * the bar sits past the usual 3: at 4, a lucky run of five trades passes less than once in a
   * hundred accounts, and the win-rate and return bars cut that further.
   */
  sharpWinner: z
    .object({
      enabled,
      minHoldMs: ms(60_000),
      minTrades: z.number().int().min(2).max(1_000).default(5),
      minWinRate: share(0.7),
      minMeanReturnBps: positive(20),
      minTStat: positive(4),
    })
    .prefault({}),
  routing: z
    .object({
      /** Flags that argue for the A-book (martingale is left out: the B-book keeps what it loses). */
      aBookDetectors: z
        .array(toxicDetectorSchema)
        .default(['scalping', 'latency-arb', 'news', 'hedging', 'sharp-winner']),
      /** Consistently profitable: the t-statistic of the window's net P&L per trade at least this. */
      profitableTStat: positive(2),
      /**
       * Counterfactual A-book: the broker earns the client's commission plus this markup per lot
       * traded (round turn), in cents of the account currency, and holds no market risk. LP fees
       * are not modelled; put them in as a negative markup.
       */
      aBookMarkupPerLot: z.number().int().min(-1_000_000).max(1_000_000).default(0),
    })
    .prefault({}),
});

export type ToxicSettings = z.infer<typeof toxicSettingsSchema>;
/** The settings document as an editor or an older build may send it (any field may be missing). */
export type ToxicSettingsInput = z.input<typeof toxicSettingsSchema>;
export const DEFAULT_TOXIC_SETTINGS: ToxicSettings = toxicSettingsSchema.parse({});

export type ToxicSettingsParse = { ok: true; value: ToxicSettings } | { ok: false; message: string };

/** Validates untrusted settings into a message a person can act on. */
export function parseToxicSettings(raw: unknown): ToxicSettingsParse {
  const result = toxicSettingsSchema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `Toxic-flow settings are invalid (${where}${issue?.message ?? 'unknown problem'}).` };
}

const money = z.number().int();
const timeMsc = z.number().int().nonnegative();

/** One closed trade behind a verdict: a position's closing deal for its volume. */
export const toxicTradeRefSchema = z.object({
  server: z.string(),
  login: z.number().int().positive(),
  positionId: z.number().int().nonnegative(),
  symbol: z.string(),
  /** 0 buy, 1 sell: the side of the position. */
  side: z.union([z.literal(0), z.literal(1)]),
  openTimeMsc: timeMsc,
  closeTimeMsc: timeMsc,
  lots: z.number().nonnegative(),
  /** Net to the client: profit + swap + commission, cents of the account currency. */
  profit: money,
  /** Why this trade counts, in the dealer's words. */
  why: z.string(),
});
export type ToxicTradeRef = z.infer<typeof toxicTradeRefSchema>;

export const toxicScoreSchema = z.object({
  detector: toxicDetectorSchema,
  enabled: z.boolean(),
  /** Enough closed trades in the window for this detector to judge. */
  judged: z.boolean(),
  flagged: z.boolean(),
  /** Whether this flag argues for the A-book (a flag may describe flow the B-book is happy to keep). */
  toxic: z.boolean(),
  /** 0 … 1: how close the account is to every threshold of the detector; 1 = at or past all of them. */
  score: z.number().min(0).max(1),
  /** The detector's main measure and its threshold (a share of trades, or a return in bps). */
  value: z.number(),
  threshold: z.number(),
  summary: z.string(),
  evidence: z.array(toxicTradeRefSchema),
});
export type ToxicScore = z.infer<typeof toxicScoreSchema>;

/** Holding times of the window's trades, counted in buckets. */
export const holdBucketSchema = z.enum(['<10s', '10s-1m', '1m-10m', '10m-1h', '1h-1d', '>1d']);
export type HoldBucket = z.infer<typeof holdBucketSchema>;

export const toxicMetricsSchema = z.object({
  trades: z.number().int().nonnegative(),
  /** Share of trades closed at a price profit (before swap and commission). */
  winRate: z.number().min(0).max(1),
  holdMsMedian: z.number().nonnegative(),
  holdBuckets: z.record(holdBucketSchema, z.number().int().nonnegative()),
  shortHoldShare: z.number().min(0).max(1),
  lots: z.number().nonnegative(),
  /** Net P&L of the window to the client, and per lot traded. */
  netProfit: money,
  profitPerLot: money,
  /** Mean move of the close from the open, in bps of the open price, the trade's way. */
  meanReturnBps: z.number(),
  /** Share of trades the broker's mid moved `latencyArb.minMoveSpreads` their way within the window after the open. */
  movedAfterOpenShare: z.number().min(0).max(1),
  /** Share of trades opened around a volatility spike. */
  nearSpikeShare: z.number().min(0).max(1),
  hedgedShare: z.number().min(0).max(1),
  /** Martingale steps and the chances to take one (see the settings). */
  martingaleSteps: z.number().int().nonnegative(),
  martingaleChances: z.number().int().nonnegative(),
});
export type ToxicMetrics = z.infer<typeof toxicMetricsSchema>;

export const toxicProfileSchema = z.object({
  server: z.string(),
  login: z.number().int().positive(),
  /** The CRM client whose other accounts are the linked ones; null when not known. */
  clientId: z.string().nullable(),
  metrics: toxicMetricsSchema,
  scores: z.array(toxicScoreSchema),
  /** The highest score among the detectors that can argue for the A-book. */
  overallScore: z.number().min(0).max(1),
  recommendation: z.enum(['A', 'B']),
  reason: z.string(),
  /**
   * What the window's trades earned (+) or cost (−) the broker, cents of the account currency:
   * in the B-book minus the client's net P&L; in the A-book the commission plus the markup.
   */
  counterfactual: z.object({ aBook: money, bBook: money }),
  /** Close time of the newest trade in the window. */
  asOfMsc: timeMsc,
});
export type ToxicProfile = z.infer<typeof toxicProfileSchema>;
