/**
 * A closed trade: one closing deal of a position, for the volume it closed, with what the engine
 * saw around the position's opening. A partial close is a closed trade for its volume; so is each
 * leg of a close-by (only the first carries the profit, as MT5 books it), and the closing half of
 * a netting reversal (INOUT).
 */
import type { Login, ServerId } from '../../../shared/domain';
import type { ToxicTradeRef } from '../../../shared/toxic';
import { type Money, type TimeMsc, type Volume, volumeToLots } from '../../../shared/units';

/** The linked account's position that held the other side longest while this trade was open. */
export interface HedgeMatch {
  server: ServerId;
  login: Login;
  positionId: number;
  /** Share of this trade's life the other side was held. */
  overlap: number;
}

export interface ClosedTrade {
  readonly server: ServerId;
  readonly login: Login;
  readonly positionId: number;
  readonly symbol: string;
  /** Side of the position: 0 buy, 1 sell. */
  readonly side: 0 | 1;
  /** The position's first entry. */
  readonly openTimeMsc: TimeMsc;
  readonly closeTimeMsc: TimeMsc;
  /** The volume this deal closed. */
  readonly volume: Volume;
  /** The position's volume-weighted open price (the closing deal's `pricePosition`). */
  readonly openPrice: number;
  readonly closePrice: number;
  readonly profit: Money;
  readonly swap: Money;
  /** The closing deal's commission plus this part's share of what the entries were charged. */
  readonly commission: Money;
  /**
   * How far the broker's mid moved the trade's way within the arbitrage window after the open, in
   * spreads of the broker's quote at the open; null when the engine had no quote of the symbol then.
   */
  readonly moveAfterOpen: number | null;
  /** From the start of the latest volatility spike before the open to the open; null if none was seen. */
  readonly sinceSpikeMs: number | null;
  /** From the open to the start of the first spike after it, while the engine still watched the open. */
  readonly untilSpikeMs: number | null;
  /** Volume ratios (to the entry before) of the position's entries that averaged down a losing side. */
  readonly averagingRatios: readonly number[];
  /** The first entry's volume over the volume of the account's previous trade, when that one lost. */
  readonly afterLossRatio: number | null;
  /** Set by the engine when the trade closes; null when no linked account held the other side. */
  readonly hedge: HedgeMatch | null;
}

export const holdMsOf = (t: ClosedTrade): number => t.closeTimeMsc - t.openTimeMsc;
/** Net to the client: profit + swap + commission (commission is negative when charged). */
export const netOf = (t: ClosedTrade): Money => t.profit + t.swap + t.commission;
export const lotsOf = (t: ClosedTrade): number => volumeToLots(t.volume);
/** A win is a price profit: what the trade's timing earned, before swap and commission. */
export const isWin = (t: ClosedTrade): boolean => t.profit > 0;

/** The close's move from the open, the trade's way, in basis points of the open price. */
export function returnBpsOf(t: ClosedTrade): number {
  if (!(t.openPrice > 0)) return 0;
  const sign = t.side === 0 ? 1 : -1;
  return ((sign * (t.closePrice - t.openPrice)) / t.openPrice) * 10_000;
}

export function tradeRef(t: ClosedTrade, why: string): ToxicTradeRef {
  return {
    server: t.server,
    login: t.login,
    positionId: t.positionId,
    symbol: t.symbol,
    side: t.side,
    openTimeMsc: t.openTimeMsc,
    closeTimeMsc: t.closeTimeMsc,
    lots: lotsOf(t),
    profit: netOf(t),
    why,
  };
}

/** "850 ms", "12.3 s", "4.5 min", "2.0 h", "3.1 d": for evidence a dealer reads. */
export function duration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

export const percent = (share: number): string => `${Math.round(share * 100)} %`;
