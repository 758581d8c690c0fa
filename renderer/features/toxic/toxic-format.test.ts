import { describe, expect, it } from 'vitest';
import type { ToxicRow } from '../../../shared/routing';
import { flagsText, formatHold, formatScore, measureText, routingChoices } from './toxic-format';

const row = (patch: Partial<ToxicRow>): ToxicRow => ({
  id: 's:1',
  server: 's',
  login: 1,
  clientId: null,
  clientName: '',
  group: 'real\\std',
  currency: 'USD',
  book: 'B',
  recommendation: 'B',
  overallScore: 0,
  flagged: [],
  scores: {} as ToxicRow['scores'],
  reason: '',
  trades: 10,
  winRate: 0.5,
  netProfit: 0,
  aBookPnl: 0,
  bBookPnl: 0,
  asOfMsc: 0,
  pendingBook: null,
  ...patch,
});

describe('toxic-flow formatting', () => {
  it('lists flags strongest first in the dealer’s words', () => {
    const scores = { scalping: 0.7, 'latency-arb': 1 } as ToxicRow['scores'];
    expect(flagsText({ flagged: ['scalping', 'latency-arb'], scores })).toBe('latency arbitrage, scalping');
    expect(formatScore(0.8666)).toBe('0.87');
    expect([850, 12_400, 210_000, 7_200_000].map(formatHold)).toEqual(['850 ms', '12.4 s', '3.5 min', '2.0 h']);
  });

  it('shows shares as percentages and returns in bps', () => {
    expect(measureText({ detector: 'scalping', value: 0.62, threshold: 0.5 })).toBe('62% (threshold 50%)');
    expect(measureText({ detector: 'sharp-winner', value: 31.25, threshold: 20 })).toBe(
      '31.3 bps (threshold 20.0 bps)',
    );
  });
});

describe('routing choices', () => {
  it('offers one-click apply when the recommendation differs from the book', () => {
    expect(routingChoices(row({ recommendation: 'A', book: 'B' }))).toEqual([
      { kind: 'apply', book: 'A', needsReason: false, label: 'Apply A-book' },
    ]);
  });

  it('asks for a reason to route against a recommendation already followed', () => {
    expect(routingChoices(row({ recommendation: 'A', book: 'A' }))).toEqual([
      { kind: 'override', book: 'B', needsReason: true, label: 'Move to B-book (override)' },
    ]);
  });

  it('offers nothing while a change is pending or when the group is not mapped', () => {
    expect(routingChoices(row({ pendingBook: 'A' }))[0]).toMatchObject({ kind: 'none', why: /moving to the A-book/ });
    expect(routingChoices(row({ book: null }))[0]).toMatchObject({ kind: 'none', why: /no A\/B twin/ });
  });
});
