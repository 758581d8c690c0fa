import { describe, expect, it } from 'vitest';
import { DEFAULTS, judge, settings, trade, trades } from '../testing';
import { isScalpingTrade, scalping } from './scalping';

const short = { holdMs: 20_000 };

describe('scalping: one trade', () => {
  it('counts holds under the short-hold time, not at it', () => {
    const limit = DEFAULTS.scalping.shortHoldMs;
    expect(isScalpingTrade(trade({ holdMs: limit - 1 }), DEFAULTS)).toBe(true);
    expect(isScalpingTrade(trade({ holdMs: limit }), DEFAULTS)).toBe(false);
  });

  it('leaves latency-arbitrage trades to their own detector', () => {
    expect(isScalpingTrade(trade({ holdMs: 1_500, moveAfterOpen: 3, profit: 5_00 }), DEFAULTS)).toBe(false);
    // The same hold without the move after the open is a scalp.
    expect(isScalpingTrade(trade({ holdMs: 1_500, moveAfterOpen: 0.2, profit: 5_00 }), DEFAULTS)).toBe(true);
  });
});

describe('scalping: an account', () => {
  it('is flagged at the minimum share of short holds, not just under it', () => {
    const half = judge(scalping, [...trades(5, short), ...trades(5)]);
    expect(half.value).toBe(0.5);
    expect(half.flagged).toBe(true);
    const under = judge(scalping, [...trades(5, short), ...trades(6)]);
    expect(under.value).toBeLessThan(0.5);
    expect(under.flagged).toBe(false);
    expect(under.score).toBeCloseTo(5 / 11 / 0.5);
  });

  it('argues for the A-book only when the short trades win often enough', () => {
    // Defaults: 55 %. 11 of 20 short trades win (55 %), then 10 of 20 (50 %).
    const winning = [...trades(11, { ...short, profit: 3_00 }), ...trades(9, { ...short, profit: -3_00 })];
    expect(judge(scalping, winning)).toMatchObject({ flagged: true, toxic: true });
    const losing = [...trades(10, { ...short, profit: 3_00 }), ...trades(10, { ...short, profit: -3_00 })];
    const verdict = judge(scalping, losing);
    expect(verdict).toMatchObject({ flagged: true, toxic: false });
    expect(verdict.summary).toMatch(/losing scalper/);
  });

  it('judges nothing before the minimum number of closed trades', () => {
    expect(judge(scalping, trades(9, short))).toMatchObject({ judged: false, flagged: false });
    expect(judge(scalping, trades(9, short), settings({ minTrades: 9 })).flagged).toBe(true);
  });

  it('gives its evidence in the dealer’s words', () => {
    expect(scalping.why(trade({ holdMs: 12_300, profit: -1 }), DEFAULTS)).toBe('held 12.3 s, lost');
    expect(scalping.why(trade(), DEFAULTS)).toBeNull();
  });
});
