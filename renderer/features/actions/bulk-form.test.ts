import { describe, expect, it } from 'vitest';
import { bulkRequestSchema } from '../../../shared/actions';
import { bulkAction, summariseBulk } from './bulk-form';

const form = { choice: 'deposit' as const, amount: '', note: '', leverage: '', group: '' };

describe('bulkAction', () => {
  it('builds actions the contract accepts', () => {
    const cases = [
      { ...form, amount: ' 100.50 ', note: 'promo' },
      { ...form, choice: 'leverage' as const, leverage: '1:200' },
      { ...form, choice: 'group' as const, group: 'real\\pro-usd' },
      { ...form, choice: 'trading-off' as const },
    ];
    for (const c of cases) {
      const built = bulkAction(c);
      expect(built.ok, c.choice).toBe(true);
      if (!built.ok) continue;
      const parsed = bulkRequestSchema.safeParse({
        accounts: [{ server: 's', login: 1 }],
        action: built.action,
        dryRun: true,
      });
      expect(parsed.success, c.choice).toBe(true);
    }
    expect(bulkAction({ ...form, amount: '100.50' })).toEqual({
      ok: true,
      action: { kind: 'balance', balanceKind: 'deposit', amount: '100.50', note: '' },
    });
    expect(bulkAction({ ...form, choice: 'trading-on' })).toEqual({
      ok: true,
      action: { kind: 'account', change: { kind: 'trading', enabled: true } },
    });
  });
  it('says what is missing', () => {
    expect(bulkAction(form)).toEqual({ ok: false, message: 'Type an amount.' });
    expect(bulkAction({ ...form, choice: 'leverage', leverage: 'x' }).ok).toBe(false);
    expect(bulkAction({ ...form, choice: 'group' }).ok).toBe(false);
  });
});

describe('summariseBulk', () => {
  const result = (dryRun: boolean, oks: boolean[]) => ({
    dryRun,
    results: oks.map((ok, i) => ({ server: 's', login: i, ok, message: '', preview: null, action: null })),
  });
  it('counts what would go and what was refused', () => {
    expect(summariseBulk(result(true, [true, true, false]))).toBe('2 of 3 would go, 1 refused');
    expect(summariseBulk(result(false, [true, true]))).toBe('2 of 2 sent');
  });
});
