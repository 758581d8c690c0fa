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
}

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
};

export function resolveConfig(config: Partial<SimulatorConfig> = {}): SimulatorConfig {
  const resolved = { ...DEFAULT_SIMULATOR_CONFIG, ...config };
  for (const key of ['clients', 'initialPositions', 'moneyOperationsPerSecond'] as const) {
    if (!(resolved[key] >= 0)) throw new Error(`simulator config: ${key} must be >= 0`);
  }
  for (const key of ['ticksPerSecond', 'tradesPerSecond', 'seedingWindowMs', 'coverageIntervalMs'] as const) {
    if (!(resolved[key] > 0)) throw new Error(`simulator config: ${key} must be > 0`);
  }
  if (resolved.server.length === 0) throw new Error('simulator config: server is required');
  return resolved;
}
