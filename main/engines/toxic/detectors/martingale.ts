/**
 * Martingale and grid: volume that grows after losses. Each entry where a martingale would grow
 * (an entry on the same side while the account's position in the symbol is under water, or the
 * first entry after a losing trade) is a chance; a step is a chance taken at `growth` times the
 * volume before. Ordinary traders take such chances now and then; a martingale takes nearly all.
 * The flag does not route to the A-book by default: the B-book is the side that wins on average.
 */
import type { ToxicSettings } from '../../../../shared/toxic';
import { type Detector, gate, routesToABook, towards, unjudged } from '../detector';
import { type ClosedTrade, percent } from '../trade';

export function martingaleChances(t: ClosedTrade): number {
  return t.averagingRatios.length + (t.afterLossRatio === null ? 0 : 1);
}

export function martingaleSteps(t: ClosedTrade, s: ToxicSettings): number {
  const growth = s.martingale.growth;
  let steps = t.afterLossRatio !== null && t.afterLossRatio >= growth ? 1 : 0;
  for (const ratio of t.averagingRatios) if (ratio >= growth) steps++;
  return steps;
}

export const martingale: Detector = {
  id: 'martingale',
  size: 2,
  tally: (t, s) => [martingaleChances(t), martingaleSteps(t, s)],
  judge([chances = 0, steps = 0], trades, s) {
    const m = s.martingale;
    const g = gate(m.enabled, trades, s);
    const share = chances > 0 ? steps / chances : 0;
    if (!g.judged) return unjudged(g, share, m.minStepShare);
    const flagged = steps >= m.minSteps && share >= m.minStepShare;
    return {
      enabled: true,
      judged: true,
      flagged,
      toxic: flagged && routesToABook('martingale', s),
      score: Math.min(towards(share, m.minStepShare), towards(steps, m.minSteps)),
      value: share,
      threshold: m.minStepShare,
      summary:
        `${steps} of ${chances} entries after a loss or against a losing position (${percent(share)}) ` +
        `grew the volume ${m.growth}× or more (flag at ${m.minSteps} steps and ${percent(m.minStepShare)})`,
    };
  },
  why(t, s) {
    const growth = s.martingale.growth;
    const parts: string[] = [];
    const averaged = t.averagingRatios.filter((r) => r >= growth);
    if (averaged.length > 0) {
      parts.push(
        `averaged down ${averaged.length}× at ${averaged.map((r) => `${r.toFixed(1)}×`).join(', ')} the volume`,
      );
    }
    if (t.afterLossRatio !== null && t.afterLossRatio >= growth) {
      parts.push(`opened at ${t.afterLossRatio.toFixed(1)}× the volume of the losing trade before`);
    }
    return parts.length > 0 ? parts.join('; ') : null;
  },
};
