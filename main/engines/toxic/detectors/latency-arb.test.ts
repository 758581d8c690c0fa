import { describe, expect, it } from 'vitest';
import { DEFAULTS, judge, settings, trade, trades } from '../testing';
import { isArbitrageTrade, latencyArbitrage } from './latency-arb';

/** An arbitrage trade by the defaults: the price ran 2 spreads its way, closed in profit after 1.5 s. */
const arb = { moveAfterOpen: 2, holdMs: 1_500, profit: 12_00 };

describe('latency arbitrage: one trade', () => {
  const la = DEFAULTS.latencyArb;

  it('needs the move, the short hold and the profit, each at its threshold or past it', () => {
    expect(isArbitrageTrade(trade(arb), DEFAULTS)).toBe(true);
    expect(isArbitrageTrade(trade({ ...arb, moveAfterOpen: la.minMoveSpreads }), DEFAULTS)).toBe(true);
    expect(isArbitrageTrade(trade({ ...arb, moveAfterOpen: la.minMoveSpreads - 0.01 }), DEFAULTS)).toBe(false);
    expect(isArbitrageTrade(trade({ ...arb, holdMs: la.maxHoldMs }), DEFAULTS)).toBe(true);
    expect(isArbitrageTrade(trade({ ...arb, holdMs: la.maxHoldMs + 1 }), DEFAULTS)).toBe(false);
    expect(isArbitrageTrade(trade({ ...arb, profit: 0 }), DEFAULTS)).toBe(false);
    // No quote at the open: nothing is known of the move after it.
    expect(isArbitrageTrade(trade({ ...arb, moveAfterOpen: null }), DEFAULTS)).toBe(false);
  });

  it('says why, in spreads and seconds', () => {
    expect(latencyArbitrage.why(trade(arb), DEFAULTS)).toMatch(/moved 2\.0 spreads .* within 1\.0 s .* after 1\.5 s/);
    expect(latencyArbitrage.why(trade(), DEFAULTS)).toBeNull();
  });
});

describe('latency arbitrage: an account', () => {
  it('is flagged at the minimum share and count of arbitrage trades, not just under either', () => {
    // Defaults: at least 5 such trades making at least 40 % of the window.
    const over = judge(latencyArbitrage, [...trades(5, arb), ...trades(7)]);
    expect(over.value).toBeCloseTo(5 / 12);
    expect(over.flagged).toBe(true);
    expect(over.toxic).toBe(true);
    expect(over.score).toBe(1);

    const underShare = judge(latencyArbitrage, [...trades(5, arb), ...trades(8)]);
    expect(underShare.value).toBeLessThan(0.4);
    expect(underShare.flagged).toBe(false);
    expect(underShare.score).toBeGreaterThan(0.9);
    expect(underShare.score).toBeLessThan(1);

    // 4 of 10 is the share, but one trade short of the count.
    const underCount = judge(latencyArbitrage, [...trades(4, arb), ...trades(6)]);
    expect(underCount.value).toBeCloseTo(0.4);
    expect(underCount.flagged).toBe(false);
  });

  it('judges nothing before the minimum number of closed trades', () => {
    const nine = judge(latencyArbitrage, trades(9, arb));
    expect(nine.judged).toBe(false);
    expect(nine.flagged).toBe(false);
    expect(nine.score).toBe(0);
    expect(nine.summary).toMatch(/9 of 10 closed trades/);
    expect(judge(latencyArbitrage, trades(10, arb)).flagged).toBe(true);
  });

  it('follows its settings and can be switched off', () => {
    const list = [...trades(5, arb), ...trades(7)];
    expect(judge(latencyArbitrage, list, settings({ latencyArb: { minShare: 0.5 } })).flagged).toBe(false);
    expect(judge(latencyArbitrage, list, settings({ latencyArb: { minMoveSpreads: 2.5 } })).flagged).toBe(false);
    const off = judge(latencyArbitrage, list, settings({ latencyArb: { enabled: false } }));
    expect(off).toMatchObject({ enabled: false, flagged: false, judged: false });
  });

  it('does not route to the A-book when the routing settings leave it out', () => {
    const verdict = judge(latencyArbitrage, trades(10, arb), settings({ routing: { aBookDetectors: ['news'] } }));
    expect(verdict.flagged).toBe(true);
    expect(verdict.toxic).toBe(false);
  });
});
