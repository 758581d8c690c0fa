import type { SimulatorConfig } from '../../main/sources/simulator/config';

export const CRASH_SERVER = 'sim-crash';

/** A busy, small brokerage: many trades and money movements per event, so a kill lands mid-trade. */
export const crashSimulatorConfig = (seed: number): Partial<SimulatorConfig> => ({
  seed,
  server: CRASH_SERVER,
  clients: 150,
  initialPositions: 400,
  tradesPerSecond: 60,
  moneyOperationsPerSecond: 3,
});
