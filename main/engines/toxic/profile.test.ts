import { describe, expect, it } from 'vitest';
import type { ToxicSettings } from '../../../shared/toxic';
import { DETECTORS } from './detectors';
import { buildProfile, counterfactualOf, metricsOf } from './profile';
import { DEFAULTS, judge, settings, trade, trades } from './testing';
import type { ClosedTrade } from './trade';

function profileOf(list: readonly ClosedTrade[], s: ToxicSettings = DEFAULTS) {
  return buildProfile({
    server: 'test',
    login: 1001,
    clientId: null,
    trades: list,
    detectors: DETECTORS,
    verdicts: DETECTORS.map((d) => judge(d, list, s)),
    settings: s,
  });
}

/** Steady small winners held ten minutes, with a little noise so the t-statistic is finite. */
const steady = (n: number, extra: Partial<ClosedTrade> = {}) =>
  Array.from({ length: n }, (_, k) =>
    trade({ positionId: k, holdMs: 600_000, profit: 40_00 + (k % 3) * 5_00, ...extra }),
  );

describe('an account profile', () => {
  it('counts holding times in buckets and takes the median', () => {
    const list = [5_000, 30_000, 30_000, 120_000, 7_200_000].map((holdMs, k) => trade({ positionId: k, holdMs }));
    const m = metricsOf(list, DEFAULTS);
    expect(m.holdBuckets).toEqual({ '<10s': 1, '10s-1m': 2, '1m-10m': 1, '10m-1h': 0, '1h-1d': 1, '>1d': 0 });
    expect(m.holdMsMedian).toBe(30_000);
    expect(m.shortHoldShare).toBe(0.6);
  });

  it("puts each book's result in account cents: minus the client's net, or commission plus markup", () => {
    const list = [
      trade({ profit: 100_00, swap: -2_00, commission: -7_00 }),
      trade({ profit: -50_00, commission: -7_00 }),
    ];
    expect(counterfactualOf(list, DEFAULTS)).toEqual({ bBook: -(100_00 - 2_00 - 7_00 - 50_00 - 7_00), aBook: 14_00 });
    expect(counterfactualOf(list, settings({ routing: { aBookMarkupPerLot: 250 } })).aBook).toBe(14_00 + 2 * 250);
  });

  it('sends consistently profitable flow to the A-book, and a losing one to the B-book', () => {
    const winner = profileOf(steady(12));
    expect(winner.recommendation).toBe('A');
    expect(winner.reason).toMatch(/^A-book: consistently profitable \(net 540\.00 over 12 trades, t = \d+\.\d\)\.$/);
    const loser = profileOf(steady(12, { profit: -30_00 }));
    expect(loser.recommendation).toBe('B');
    expect(loser.reason).toBe('B-book: no toxic pattern and not consistently profitable.');
  });

  it('keeps a winning martingale in the B-book: the blow-up pays for its run', () => {
    const list = steady(12, { averagingRatios: [2] });
    const p = profileOf(list);
    expect(p.scores.find((s) => s.detector === 'martingale')).toMatchObject({ flagged: true, toxic: false });
    expect(p.recommendation).toBe('B');
    expect(p.reason).toMatch(/flagged for martingale/);
    // Unless the desk routes martingale flow to the A-book itself.
    expect(profileOf(list, settings({ routing: { aBookDetectors: ['martingale'] } })).recommendation).toBe('A');
  });

  it('scores only the detectors that can route to the A-book into the overall score', () => {
    const p = profileOf(trades(12, { averagingRatios: [2], profit: -1_00 }));
    expect(p.scores.find((s) => s.detector === 'martingale')?.score).toBe(1);
    expect(p.overallScore).toBe(0);
  });
});
