import { describe, expect, it } from 'vitest';
import { DEFAULTS, judge, trade, trades } from '../testing';
import { hedging, isHedgedTrade } from './hedging';

const hedged = { hedge: { server: 'test', login: 1002, positionId: 77, overlap: 0.9 } };

describe('hedging: one trade', () => {
  it('counts a linked opposite position held at least the minimum share of its life', () => {
    const min = DEFAULTS.hedging.minOverlap;
    expect(isHedgedTrade(trade({ hedge: { ...hedged.hedge, overlap: min } }), DEFAULTS)).toBe(true);
    expect(isHedgedTrade(trade({ hedge: { ...hedged.hedge, overlap: min - 0.01 } }), DEFAULTS)).toBe(false);
    expect(isHedgedTrade(trade({ hedge: null }), DEFAULTS)).toBe(false);
    expect(hedging.why(trade(hedged), DEFAULTS)).toBe(
      'opposite of position #77 on 1002 (same client) for 90 % of its life',
    );
  });
});

describe('hedging: an account', () => {
  it('is flagged at the minimum share of hedged trades, not just under it', () => {
    expect(judge(hedging, [...trades(6, hedged), ...trades(6)])).toMatchObject({ flagged: true, value: 0.5 });
    expect(judge(hedging, [...trades(6, hedged), ...trades(7)]).flagged).toBe(false);
    expect(judge(hedging, trades(9, hedged)).judged).toBe(false);
  });
});
