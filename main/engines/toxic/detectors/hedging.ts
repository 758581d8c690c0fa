/**
 * Hedging across accounts: a linked account (same CRM client; the data carry no IP or device, so
 * those links are not seen) held the opposite side of the same symbol while the trade was open,
 * typically to farm bonuses or swap. The engine finds the match when the trade closes.
 */
import type { ToxicSettings } from '../../../../shared/toxic';
import { type Detector, gate, routesToABook, towards, unjudged } from '../detector';
import { type ClosedTrade, percent } from '../trade';

export function isHedgedTrade(t: ClosedTrade, s: ToxicSettings): boolean {
  return t.hedge !== null && t.hedge.overlap >= s.hedging.minOverlap;
}

export const hedging: Detector = {
  id: 'hedging',
  size: 1,
  tally: (t, s) => [isHedgedTrade(t, s) ? 1 : 0],
  judge([hedged = 0], trades, s) {
    const h = s.hedging;
    const g = gate(h.enabled, trades, s);
    const share = trades > 0 ? hedged / trades : 0;
    if (!g.judged) return unjudged(g, share, h.minShare);
    const flagged = share >= h.minShare;
    return {
      enabled: true,
      judged: true,
      flagged,
      toxic: flagged && routesToABook('hedging', s),
      score: towards(share, h.minShare),
      value: share,
      threshold: h.minShare,
      summary:
        `${hedged} of ${trades} trades (${percent(share)}) had a linked account of the same client on the ` +
        `other side for ${percent(h.minOverlap)} of their life or more (flag at ${percent(h.minShare)})`,
    };
  },
  why(t, s) {
    if (!isHedgedTrade(t, s) || t.hedge === null) return null;
    const m = t.hedge;
    return `opposite of position #${m.positionId} on ${m.login} (same client) for ${percent(m.overlap)} of its life`;
  },
};
