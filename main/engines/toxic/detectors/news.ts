/**
 * News trading: opens clustered in the seconds around the start of volatility spikes in the
 * broker's feed of the symbol (the engine finds the spikes itself, see feed.ts). Anyone opens
 * near a spike now and then; a news trader does it most of the time. Jumps come in spikes, so
 * latency-arbitrage trades open near them too: those count for the more specific detector only.
 */
import type { ToxicSettings } from '../../../../shared/toxic';
import { type Detector, gate, routesToABook, towards, unjudged } from '../detector';
import { type ClosedTrade, duration, percent } from '../trade';
import { isArbitrageTrade } from './latency-arb';

/** Opened around the start of a spike, whatever else explains it. */
export function openedNearSpike(t: ClosedTrade, s: ToxicSettings): boolean {
  const n = s.news;
  return (
    (t.sinceSpikeMs !== null && t.sinceSpikeMs <= n.afterSpikeMs) ||
    (t.untilSpikeMs !== null && t.untilSpikeMs <= n.beforeSpikeMs)
  );
}

export function isNewsTrade(t: ClosedTrade, s: ToxicSettings): boolean {
  return openedNearSpike(t, s) && !isArbitrageTrade(t, s);
}

export const news: Detector = {
  id: 'news',
  size: 1,
  tally: (t, s) => [isNewsTrade(t, s) ? 1 : 0],
  judge([near = 0], trades, s) {
    const n = s.news;
    const g = gate(n.enabled, trades, s);
    const share = trades > 0 ? near / trades : 0;
    if (!g.judged) return unjudged(g, share, n.minShare);
    const flagged = share >= n.minShare;
    return {
      enabled: true,
      judged: true,
      flagged,
      toxic: flagged && routesToABook('news', s),
      score: towards(share, n.minShare),
      value: share,
      threshold: n.minShare,
      summary:
        `${near} of ${trades} trades (${percent(share)}) opened from ${duration(n.beforeSpikeMs)} before to ` +
        `${duration(n.afterSpikeMs)} after a volatility spike started (flag at ${percent(n.minShare)})`,
    };
  },
  why(t, s) {
    if (!isNewsTrade(t, s)) return null;
    const n = s.news;
    const after = t.sinceSpikeMs !== null && t.sinceSpikeMs <= n.afterSpikeMs;
    return after
      ? `opened ${duration(t.sinceSpikeMs ?? 0)} after a volatility spike started on ${t.symbol}`
      : `opened ${duration(t.untilSpikeMs ?? 0)} before a volatility spike started on ${t.symbol}`;
  },
};
