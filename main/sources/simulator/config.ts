/** What a simulated server is made of; every field has a default so it starts with no setup. */
import type { TimeMsc } from '../../../shared/units';

export interface SimulatorConfig {
  /** Same seed and config ⇒ byte-identical event stream. */
  seed: number;
  /** Server id stamped on every event. */
  server: string;
  /** CRM clients; each holds 1-3 accounts. */
  clients: number;
  /** Virtual time of the first event. */
  startTimeMsc: TimeMsc;
  /** Positions opened during the first `seedingWindowMs` of virtual time. */
  initialPositions: number;
  seedingWindowMs: number;
  /** Mean tick rate over all symbols, per virtual second. */
  ticksPerSecond: number;
  /** Mean rate of client trading decisions (opens, adds, orders), per virtual second. */
  tradesPerSecond: number;
  /** Mean rate of CRM money movements (deposits, withdrawals, bonuses), per virtual second. */
  moneyOperationsPerSecond: number;
  /** Virtual time between rounds of the coverage dealer. */
  coverageIntervalMs: number;
  /**
   * Share of CRM clients following each specialist behaviour (population.ts); scalpers (18 %) and
   * hedgers (10 %) keep their shares and ordinary traders take the rest.
   */
  behaviourShares: BehaviourShares;
  /**
   * How far the market runs ahead of the published feed (market.ts): what a sharp winner foresees.
   * Held as `ticksPerSecond × foresightMs / 1000` computed quotes.
   */
  foresightMs: number;
}

export interface BehaviourShares {
  /** Trade the broker's stale quote just before a jump it has not published yet. */
  latencyArbitrage: number;
  /** Open in the seconds around volatile spells. */
  news: number;
  /** Double the volume after losses and average down in a grid. */
  martingale: number;
  /** Few trades, large profits: they know where the price is going. */
  sharpWinner: number;
}

export const DEFAULT_BEHAVIOUR_SHARES: BehaviourShares = {
  latencyArbitrage: 0.03,
  news: 0.03,
  martingale: 0.03,
  sharpWinner: 0.02,
};
/** Shares of clients that scalp or hedge across their accounts. */
export const SCALPER_SHARE = 0.18;
export const HEDGER_SHARE = 0.1;
/** What the ordinary traders' share may not fall below. */
const MIN_ORDINARY_SHARE = 0.3;

/** A Monday morning, server time: a fixed default keeps runs reproducible without a clock. */
export const DEFAULT_START_TIME_MSC: TimeMsc = Date.UTC(2025, 0, 6, 8, 0, 0);

/**
 * Tuned for a live demo: about 300 events per virtual second, four in five of them ticks.
 * About 2,000 events/s: `ticksPerSecond: 1600, tradesPerSecond: 60`, or run this at speed ×6.
 */
export const DEFAULT_SIMULATOR_CONFIG: SimulatorConfig = {
  seed: 1,
  server: 'sim-1',
  clients: 600,
  startTimeMsc: DEFAULT_START_TIME_MSC,
  initialPositions: 2_000,
  seedingWindowMs: 5_000,
  ticksPerSecond: 250,
  tradesPerSecond: 10,
  moneyOperationsPerSecond: 0.3,
  coverageIntervalMs: 20_000,
  behaviourShares: DEFAULT_BEHAVIOUR_SHARES,
  foresightMs: 180_000,
};

/** What a caller sets: any field, and any of the behaviour shares (the rest keep their defaults). */
export type SimulatorOptions = Partial<Omit<SimulatorConfig, 'behaviourShares'>> & {
  behaviourShares?: Partial<BehaviourShares>;
};

export function resolveConfig(config: SimulatorOptions = {}): SimulatorConfig {
  const behaviourShares = { ...DEFAULT_BEHAVIOUR_SHARES, ...config.behaviourShares };
  const resolved = { ...DEFAULT_SIMULATOR_CONFIG, ...config, behaviourShares };
  let specialists = 0;
  for (const [key, share] of Object.entries(behaviourShares)) {
    if (!(share >= 0 && share <= 1)) throw new Error(`simulator config: behaviourShares.${key} must be in [0, 1]`);
    specialists += share;
  }
  if (specialists > 1 - SCALPER_SHARE - HEDGER_SHARE - MIN_ORDINARY_SHARE)
    throw new Error('simulator config: behaviourShares leave too few ordinary traders');
  for (const key of ['clients', 'initialPositions', 'moneyOperationsPerSecond'] as const) {
    if (!(resolved[key] >= 0)) throw new Error(`simulator config: ${key} must be >= 0`);
  }
  for (const key of [
    'ticksPerSecond',
    'tradesPerSecond',
    'seedingWindowMs',
    'coverageIntervalMs',
    'foresightMs',
  ] as const) {
    if (!(resolved[key] > 0)) throw new Error(`simulator config: ${key} must be > 0`);
  }
  if (resolved.server.length === 0) throw new Error('simulator config: server is required');
  return resolved;
}
