/**
 * The incremental window against the plain definition: after any sequence of trades, every
 * detector's verdict equals its verdict on the last N trades tallied from scratch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DETECTORS } from './detectors';
import { DEFAULTS, judge, settings, trade } from './testing';
import type { ClosedTrade } from './trade';
import { TradeWindow } from './window';

const arbitraryTrade: fc.Arbitrary<ClosedTrade> = fc
  .record({
    holdMs: fc.oneof(fc.integer({ min: 0, max: 70_000 }), fc.integer({ min: 60_000, max: 86_400_000 })),
    profit: fc.integer({ min: -50_000, max: 50_000 }),
    bps: fc.double({ min: -200, max: 200, noNaN: true }),
    moveAfterOpen: fc.option(fc.double({ min: 0, max: 5, noNaN: true })),
    sinceSpikeMs: fc.option(fc.integer({ min: 0, max: 20_000 })),
    untilSpikeMs: fc.option(fc.integer({ min: 0, max: 20_000 })),
    averagingRatios: fc.array(fc.double({ min: 0.1, max: 4, noNaN: true }), { maxLength: 3 }),
    afterLossRatio: fc.option(fc.double({ min: 0.1, max: 4, noNaN: true })),
    overlap: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  })
  .map((r) =>
    trade({
      holdMs: r.holdMs,
      profit: r.profit,
      closePrice: 1.1 * (1 + r.bps / 10_000),
      moveAfterOpen: r.moveAfterOpen,
      sinceSpikeMs: r.sinceSpikeMs,
      untilSpikeMs: r.untilSpikeMs,
      averagingRatios: r.averagingRatios,
      afterLossRatio: r.afterLossRatio,
      hedge: r.overlap === null ? null : { server: 'test', login: 2, positionId: 9, overlap: r.overlap },
    }),
  );

describe('the rolling window', () => {
  it('judges exactly like the last N trades tallied from scratch', () => {
    fc.assert(
      fc.property(fc.array(arbitraryTrade, { maxLength: 120 }), fc.integer({ min: 10, max: 40 }), (list, n) => {
        const s = settings({ windowTrades: n, minTrades: 5 });
        const window = new TradeWindow(DETECTORS, n);
        for (const t of list) window.add(t, s);
        const last = list.slice(-n);
        expect(window.trades()).toEqual(last);
        window.verdicts(s).forEach((v, i) => {
          const expected = judge(DETECTORS[i] as (typeof DETECTORS)[number], last, s);
          expect(v.flagged).toBe(expected.flagged);
          expect(v.value).toBeCloseTo(expected.value, 6);
          expect(v.score).toBeCloseTo(expected.score, 6);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('re-tallies under new settings and shrinks to a shorter window', () => {
    const window = new TradeWindow(DETECTORS, 30);
    const list = Array.from({ length: 30 }, (_, k) => trade({ positionId: k, holdMs: k < 20 ? 30_000 : 90_000 }));
    for (const t of list) window.add(t, DEFAULTS);
    const scalpingAt = DETECTORS.findIndex((d) => d.id === 'scalping');
    expect(window.verdicts(DEFAULTS)[scalpingAt]?.value).toBeCloseTo(20 / 30);
    const shorter = settings({ windowTrades: 10, scalping: { shortHoldMs: 100_000 } });
    window.resettle(shorter);
    expect(window.size).toBe(10);
    expect(window.trades().map((t) => t.positionId)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    expect(window.verdicts(shorter)[scalpingAt]?.value).toBe(1);
  });
});
