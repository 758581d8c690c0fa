import { describe, expect, it } from 'vitest';
import { DEFAULTS, judge, settings, trade, trades } from '../testing';
import { isNewsTrade, news } from './news';

const after = { sinceSpikeMs: 2_000 };

describe('news: one trade', () => {
  const n = DEFAULTS.news;

  it('opens up to the limits before or after a spike start, not past them', () => {
    expect(isNewsTrade(trade({ sinceSpikeMs: n.afterSpikeMs }), DEFAULTS)).toBe(true);
    expect(isNewsTrade(trade({ sinceSpikeMs: n.afterSpikeMs + 1 }), DEFAULTS)).toBe(false);
    expect(isNewsTrade(trade({ untilSpikeMs: n.beforeSpikeMs }), DEFAULTS)).toBe(true);
    expect(isNewsTrade(trade({ untilSpikeMs: n.beforeSpikeMs + 1 }), DEFAULTS)).toBe(false);
    expect(isNewsTrade(trade({ sinceSpikeMs: null, untilSpikeMs: null }), DEFAULTS)).toBe(false);
  });

  it('leaves a latency-arbitrage trade opened at a spike to its own detector', () => {
    expect(isNewsTrade(trade({ ...after, moveAfterOpen: 3, holdMs: 2_000 }), DEFAULTS)).toBe(false);
  });

  it('says on which side of the spike it opened', () => {
    expect(news.why(trade(after), DEFAULTS)).toBe('opened 2.0 s after a volatility spike started on EURUSD');
    expect(news.why(trade({ untilSpikeMs: 800 }), DEFAULTS)).toBe(
      'opened 800 ms before a volatility spike started on EURUSD',
    );
  });
});

describe('news: an account', () => {
  it('is flagged at the minimum share of opens near spikes, not just under it', () => {
    expect(judge(news, [...trades(5, after), ...trades(5)])).toMatchObject({ flagged: true, value: 0.5 });
    const under = judge(news, [...trades(5, after), ...trades(6)]);
    expect(under.flagged).toBe(false);
    expect(under.value).toBeLessThan(0.5);
  });

  it('judges nothing before the minimum number of closed trades, and follows its settings', () => {
    expect(judge(news, trades(9, after)).judged).toBe(false);
    expect(judge(news, trades(10, after), settings({ news: { afterSpikeMs: 1_000 } })).flagged).toBe(false);
  });
});
