/** Hand-made trades and deals for the detectors' and the engine's tests. */
import type { Deal } from '../../../shared/domain';
import {
  DEFAULT_TOXIC_SETTINGS,
  type ToxicSettings,
  type ToxicSettingsInput,
  toxicSettingsSchema,
} from '../../../shared/toxic';
import { lotsToVolume } from '../../../shared/units';
import type { Detector, Verdict } from './detector';
import type { ClosedTrade } from './trade';

export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

/** A closed trade: a one-lot EURUSD buy held five minutes, closed 10 pips up for $100, nothing unusual. */
export function trade(overrides: Partial<ClosedTrade> & { holdMs?: number } = {}): ClosedTrade {
  const { holdMs = 300_000, ...rest } = overrides;
  const openTimeMsc = rest.openTimeMsc ?? T0;
  return {
    server: 'test',
    login: 1001,
    positionId: 1,
    symbol: 'EURUSD',
    side: 0,
    openTimeMsc,
    closeTimeMsc: openTimeMsc + holdMs,
    volume: lotsToVolume(1),
    openPrice: 1.1,
    closePrice: 1.101,
    profit: 100_00,
    swap: 0,
    commission: 0,
    moveAfterOpen: 0,
    sinceSpikeMs: null,
    untilSpikeMs: null,
    averagingRatios: [],
    afterLossRatio: null,
    hedge: null,
    ...rest,
  };
}

/** `n` copies of a trade, numbered positions one minute apart. */
export function trades(n: number, overrides: Partial<ClosedTrade> & { holdMs?: number } = {}): ClosedTrade[] {
  return Array.from({ length: n }, (_, k) =>
    trade({ ...overrides, positionId: 1 + k, openTimeMsc: (overrides.openTimeMsc ?? T0) + k * 60_000 }),
  );
}

export const settings = (input: ToxicSettingsInput = {}): ToxicSettings => toxicSettingsSchema.parse(input);
export const DEFAULTS = DEFAULT_TOXIC_SETTINGS;

/** What a detector says of a window holding exactly `list`. */
export function judge(detector: Detector, list: readonly ClosedTrade[], s: ToxicSettings = DEFAULTS): Verdict {
  const sums = new Array<number>(detector.size).fill(0);
  for (const t of list) {
    detector.tally(t, s).forEach((x, k) => {
      sums[k] = (sums[k] as number) + x;
    });
  }
  return detector.judge(sums, list.length, s);
}

let nextTicket = 1;

/** A trade deal with sensible defaults; `positionId` defaults to the ticket (a new hedging position). */
export function deal(overrides: Partial<Deal> = {}): Deal {
  const ticket = overrides.ticket ?? nextTicket++;
  return {
    ticket,
    login: 1001,
    timeMsc: T0,
    action: 0,
    entry: 0,
    symbol: 'EURUSD',
    volume: lotsToVolume(1),
    price: 1.1,
    pricePosition: 0,
    profit: 0,
    commission: 0,
    swap: 0,
    positionId: ticket,
    order: ticket,
    reason: 0,
    contractSize: 100_000,
    comment: '',
    ...overrides,
  };
}
