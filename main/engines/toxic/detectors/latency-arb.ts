/**
 * Latency arbitrage: trades opened just before a sharp move in the broker's own feed (the client
 * saw a faster price) and closed within seconds in profit. One such trade is luck; an account
 * whose window is largely made of them is trading the broker's stale quotes.
 */
import type { ToxicSettings } from '../../../../shared/toxic';
import { type Detector, gate, routesToABook, towards, unjudged } from '../detector';
import { type ClosedTrade, duration, holdMsOf, isWin, percent } from '../trade';

/** The broker's mid moved at least `minMoveSpreads` the trade's way within the window after the open. */
export function movedAfterOpen(t: ClosedTrade, s: ToxicSettings): boolean {
  return t.moveAfterOpen !== null && t.moveAfterOpen >= s.latencyArb.minMoveSpreads;
}

export function isArbitrageTrade(t: ClosedTrade, s: ToxicSettings): boolean {
  return movedAfterOpen(t, s) && holdMsOf(t) <= s.latencyArb.maxHoldMs && isWin(t);
}

export const latencyArbitrage: Detector = {
  id: 'latency-arb',
  size: 1,
  tally: (t, s) => [isArbitrageTrade(t, s) ? 1 : 0],
  judge([arbs = 0], trades, s) {
    const la = s.latencyArb;
    const g = gate(la.enabled, trades, s);
    const share = trades > 0 ? arbs / trades : 0;
    if (!g.judged) return unjudged(g, share, la.minShare);
    const flagged = arbs >= la.minTrades && share >= la.minShare;
    return {
      enabled: true,
      judged: true,
      flagged,
      toxic: flagged && routesToABook('latency-arb', s),
      score: Math.min(towards(share, la.minShare), towards(arbs, la.minTrades)),
      value: share,
      threshold: la.minShare,
      summary:
        `${arbs} of ${trades} trades (${percent(share)}) opened just before the broker's price moved ` +
        `${la.minMoveSpreads} spread(s) their way within ${duration(la.windowMs)} and closed in profit ` +
        `within ${duration(la.maxHoldMs)} (flag at ${la.minTrades} trades and ${percent(la.minShare)})`,
    };
  },
  why(t, s) {
    if (!isArbitrageTrade(t, s)) return null;
    return (
      `the broker's price moved ${(t.moveAfterOpen ?? 0).toFixed(1)} spreads its way within ` +
      `${duration(s.latencyArb.windowMs)} of the open; closed in profit after ${duration(holdMsOf(t))}`
    );
  },
};
