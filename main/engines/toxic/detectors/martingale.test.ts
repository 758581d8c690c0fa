import { describe, expect, it } from 'vitest';
import { DEFAULTS, judge, settings, trade, trades } from '../testing';
import { martingale, martingaleChances, martingaleSteps } from './martingale';

describe('martingale: one trade', () => {
  it('counts each averaging entry and a first entry after a loss as a chance, a step at the growth or more', () => {
    const growth = DEFAULTS.martingale.growth;
    const t = trade({ averagingRatios: [2, growth, growth - 0.01], afterLossRatio: growth - 0.01 });
    expect(martingaleChances(t)).toBe(4);
    expect(martingaleSteps(t, DEFAULTS)).toBe(2);
    expect(martingaleChances(trade())).toBe(0);
    expect(martingale.why(t, DEFAULTS)).toBe('averaged down 2× at 2.0×, 1.6× the volume');
    expect(martingale.why(trade({ afterLossRatio: 2 }), DEFAULTS)).toBe(
      'opened at 2.0× the volume of the losing trade before',
    );
    expect(martingale.why(trade({ averagingRatios: [1.2] }), DEFAULTS)).toBeNull();
  });
});

describe('martingale: an account', () => {
  // Defaults: at least 4 steps, making at least 75 % of the chances.
  const step = { averagingRatios: [2] };
  const declined = { averagingRatios: [1] };

  it('is flagged at the minimum steps and share of chances, not just under either', () => {
    const atShare = judge(martingale, [...trades(6, step), ...trades(2, declined), ...trades(2)]);
    expect(atShare.value).toBe(0.75);
    expect(atShare.flagged).toBe(true);
    // Martingale flow stays in the B-book by default.
    expect(atShare.toxic).toBe(false);

    const underShare = judge(martingale, [...trades(6, step), ...trades(3, declined), ...trades(1)]);
    expect(underShare.value).toBeCloseTo(6 / 9);
    expect(underShare.flagged).toBe(false);

    expect(judge(martingale, [...trades(4, step), ...trades(6)])).toMatchObject({ flagged: true, value: 1 });
    const underSteps = judge(martingale, [...trades(3, step), ...trades(7)]);
    expect(underSteps.value).toBe(1);
    expect(underSteps.flagged).toBe(false);
    expect(underSteps.score).toBeCloseTo(3 / 4);
  });

  it('judges nothing before the minimum number of closed trades; routes to the A-book if told to', () => {
    expect(judge(martingale, trades(9, step)).judged).toBe(false);
    const routed = settings({ routing: { aBookDetectors: ['martingale'] } });
    expect(judge(martingale, trades(10, step), routed)).toMatchObject({ flagged: true, toxic: true });
  });
});
