/**
 * Scalping: most trades held under a short time. Trades the latency-arbitrage detector explains
 * do not count, so an arbitrageur is not also called a scalper. The pattern is flagged whatever
 * the win rate; it argues for the A-book only when the short trades win often (DOMAIN.md: "with
 * a high win rate"), since a losing scalper pays the B-book its spread.
 */

import type { ToxicSettings } from '../../../../shared/toxic';
import { type Detector, gate, routesToABook, towards, unjudged } from '../detector';
import { type ClosedTrade, duration, holdMsOf, isWin, percent } from '../trade';
import { isArbitrageTrade } from './latency-arb';

export function isScalpingTrade(t: ClosedTrade, s: ToxicSettings): boolean {
  return holdMsOf(t) < s.scalping.shortHoldMs && !isArbitrageTrade(t, s);
}

export const scalping: Detector = {
  id: 'scalping',
  size: 2,
  tally(t, s) {
    const short = isScalpingTrade(t, s);
    return [short ? 1 : 0, short && isWin(t) ? 1 : 0];
  },
  judge([short = 0, shortWins = 0], trades, s) {
    const sc = s.scalping;
    const g = gate(sc.enabled, trades, s);
    const share = trades > 0 ? short / trades : 0;
    if (!g.judged) return unjudged(g, share, sc.minShortShare);
    const flagged = share >= sc.minShortShare;
    const winRate = short > 0 ? shortWins / short : 0;
    const winning = winRate >= sc.toxicWinRate;
    return {
      enabled: true,
      judged: true,
      flagged,
      toxic: flagged && winning && routesToABook('scalping', s),
      score: towards(share, sc.minShortShare),
      value: share,
      threshold: sc.minShortShare,
      summary:
        `${short} of ${trades} trades (${percent(share)}) held under ${duration(sc.shortHoldMs)} ` +
        `(flag at ${percent(sc.minShortShare)}); they win ${percent(winRate)}` +
        (flagged ? (winning ? ', a winning scalper' : ', a losing scalper: the B-book keeps the spread') : ''),
    };
  },
  why(t, s) {
    if (!isScalpingTrade(t, s)) return null;
    return `held ${duration(holdMsOf(t))}, ${isWin(t) ? 'won' : 'lost'}`;
  },
};
