/**
 * Sharp winner: few trades, large profits relative to volume. Measured on the trades held long
 * enough that the short-hold detectors do not explain them, as profit over notional: the
 * notional-weighted mean return of the close on the open price (lots are not comparable across
 * symbols, a return is). Entries that averaged down a losing position are the martingale
 * detector's and left out here: bought at the bottom of a grid, they win large returns that say
 * nothing of foresight. A t-statistic of the
 * per-trade returns tests for luck: a run of winners can happen by chance, a large mean over a
 * tight spread rarely does.
 *
 * A trade's notional in account money is its profit over its relative move (the server computed
 * the profit as move × contract size × lots × conversion); a trade closed at its open price has
 * none and weighs nothing.
 */
import type { ToxicSettings } from '../../../../shared/toxic';
import { type Detector, gate, routesToABook, towards, unjudged } from '../detector';
import { type ClosedTrade, duration, holdMsOf, isWin, percent, returnBpsOf } from '../trade';

/** Held long enough for the short-hold detectors not to explain it, and not an averaging-down entry. */
export const isPositionalTrade = (t: ClosedTrade, s: ToxicSettings): boolean =>
  holdMsOf(t) >= s.sharpWinner.minHoldMs && t.averagingRatios.length === 0;

/** Mean, t-statistic of the mean, from a count, a sum and a sum of squares. */
export function meanAndT(n: number, sum: number, sumSquares: number): { mean: number; t: number } {
  if (n === 0) return { mean: 0, t: 0 };
  const mean = sum / n;
  if (n < 2) return { mean, t: 0 };
  const variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
  const stderr = Math.sqrt(variance / n);
  if (stderr === 0) return { mean, t: mean > 0 ? Number.POSITIVE_INFINITY : mean < 0 ? Number.NEGATIVE_INFINITY : 0 };
  return { mean, t: mean / stderr };
}

/** The trade's notional in account cents, or 0 when it closed at its open price. */
export function notionalOf(t: ClosedTrade): number {
  const move = returnBpsOf(t) / 10_000;
  return move === 0 || t.profit === 0 ? 0 : Math.abs(t.profit / move);
}

export const sharpWinner: Detector = {
  id: 'sharp-winner',
  size: 6,
  tally(t, s) {
    if (!isPositionalTrade(t, s)) return [0, 0, 0, 0, 0, 0];
    const bps = returnBpsOf(t);
    const notional = notionalOf(t);
    return [1, isWin(t) ? 1 : 0, bps, bps * bps, notional > 0 ? t.profit : 0, notional];
  },
  judge([long = 0, wins = 0, sum = 0, sumSquares = 0, profit = 0, notional = 0], trades, s) {
    const w = s.sharpWinner;
    const g = gate(w.enabled, trades, s);
    const { t } = meanAndT(long, sum, sumSquares);
    const mean = notional > 0 ? (profit / notional) * 10_000 : 0;
    if (!g.judged) return unjudged(g, mean, w.minMeanReturnBps);
    const winRate = long > 0 ? wins / long : 0;
    const flagged = long >= w.minTrades && winRate >= w.minWinRate && mean >= w.minMeanReturnBps && t >= w.minTStat;
    return {
      enabled: true,
      judged: true,
      flagged,
      toxic: flagged && routesToABook('sharp-winner', s),
      score: Math.min(
        towards(long, w.minTrades),
        towards(winRate, w.minWinRate),
        towards(mean, w.minMeanReturnBps),
        towards(t, w.minTStat),
      ),
      value: mean,
      threshold: w.minMeanReturnBps,
      summary:
        `${long} trades held ${duration(w.minHoldMs)} or more win ${percent(winRate)} and make ${mean.toFixed(1)} bps ` +
        `of their notional (t = ${Number.isFinite(t) ? t.toFixed(1) : '∞'}; flag at ${w.minTrades} trades, ` +
        `${percent(w.minWinRate)}, ${w.minMeanReturnBps} bps, t ${w.minTStat})`,
    };
  },
  why(t, s) {
    if (!isPositionalTrade(t, s) || !isWin(t)) return null;
    return `${returnBpsOf(t).toFixed(1)} bps of the open price in ${duration(holdMsOf(t))}`;
  },
};
