import { describe, expect, it } from 'vitest';
import { DEFAULTS, judge, settings, trade, trades } from '../testing';
import type { ClosedTrade } from '../trade';
import { isPositionalTrade, meanAndT, notionalOf, sharpWinner } from './sharp-winner';

/** A one-lot EURUSD buy opened at 1.1 and closed `bps` higher: profit = notional × move. */
function held(bps: number, overrides: Partial<ClosedTrade> = {}): Partial<ClosedTrade> & { holdMs: number } {
  const notional = 110_000_00; // 100,000 EUR at 1.1, in USD cents
  return {
    holdMs: 180_000,
    openPrice: 1.1,
    closePrice: 1.1 * (1 + bps / 10_000),
    profit: Math.round((notional * bps) / 10_000),
    ...overrides,
  };
}

/** `bps` per trade in turn, each as its own position. */
const positional = (list: number[]) => list.map((bps, k) => trade({ ...held(bps), positionId: 100 + k }));

describe('sharp winner: one trade', () => {
  it('measures trades held at least the minimum, leaving averaging entries to the martingale detector', () => {
    expect(isPositionalTrade(trade(held(30)), DEFAULTS)).toBe(true);
    expect(isPositionalTrade(trade({ ...held(30), holdMs: DEFAULTS.sharpWinner.minHoldMs - 1 }), DEFAULTS)).toBe(false);
    expect(isPositionalTrade(trade({ ...held(30), averagingRatios: [2] }), DEFAULTS)).toBe(false);
  });

  it('finds the notional from the profit and the move, none for a trade closed at its open', () => {
    expect(notionalOf(trade(held(30)))).toBeCloseTo(110_000_00, -2);
    expect(notionalOf(trade({ ...held(0), closePrice: 1.1 }))).toBe(0);
  });

  it('computes a mean and its t-statistic from sums', () => {
    // 10, 20, 30: mean 20, sd 10, stderr 10/√3.
    expect(meanAndT(3, 60, 1_400).t).toBeCloseTo(20 / (10 / Math.sqrt(3)));
    expect(meanAndT(1, 5, 25).t).toBe(0);
    expect(meanAndT(3, 30, 300).t).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('sharp winner: an account', () => {
  // Defaults: 5 positional trades, 70 % winners, 20 bps of notional, t ≥ 3; and 10 trades in all.
  const padding = trades(5, { holdMs: 5_000, profit: -1_00 });

  it('is flagged at every threshold, not one step under any', () => {
    const sharp = [26, 28, 30, 32, 34];
    const flagged = judge(sharpWinner, [...padding, ...positional(sharp)]);
    expect(flagged.value).toBeCloseTo(30, 0);
    expect(flagged.flagged).toBe(true);
    expect(flagged.toxic).toBe(true);

    // Four positional trades: one short of the count.
    expect(judge(sharpWinner, [...padding, trade({ holdMs: 5_000 }), ...positional(sharp.slice(1))]).flagged).toBe(
      false,
    );
    // A mean just under 20 bps of notional.
    const under = judge(sharpWinner, [...padding, ...positional([18, 19, 19.8, 20, 22])]);
    expect(under.value).toBeLessThan(20);
    expect(under.flagged).toBe(false);
    const over = judge(sharpWinner, [...padding, ...positional([18, 19, 20.2, 21, 22])]);
    expect(over.value).toBeGreaterThanOrEqual(20);
    expect(over.flagged).toBe(true);
  });

  it('needs the win rate: 7 winners in 10 pass, 6 do not', () => {
    const big = [60, 62, 64, 66, 68, 70, 72];
    const seven = judge(sharpWinner, positional([...big, -2, -3, -4]));
    expect(seven.flagged).toBe(true);
    const six = judge(sharpWinner, positional([...big.slice(1), -2, -3, -4, -5]));
    expect(six.flagged).toBe(false);
    expect(six.summary).toMatch(/win 60 %/);
  });

  it('needs a t-statistic past luck: large but scattered returns do not pass', () => {
    const scattered = judge(sharpWinner, [...padding, ...positional([2, 3, 150, 4, 5])]);
    expect(scattered.value).toBeGreaterThan(20);
    expect(scattered.flagged).toBe(false);
    const tight = judge(
      sharpWinner,
      [...padding, ...positional([30, 31, 32, 33, 34])],
      settings({ sharpWinner: { minTStat: 100 } }),
    );
    expect(tight.flagged).toBe(false);
  });

  it('judges nothing before the minimum number of closed trades', () => {
    expect(judge(sharpWinner, positional([30, 31, 32, 33, 34])).judged).toBe(false);
  });
});
