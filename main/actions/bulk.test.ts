import { describe, expect, it } from 'vitest';
import { alice, harnessPerTest, SERVER, shown, two, usd } from './test-kit';

const harness = harnessPerTest();

describe('bulk', () => {
  it('dry-runs with a preview per account, sends nothing and audits one entry', async () => {
    const h = harness();
    const desk = h.makeDesk();
    const [a, b] = two(h.accounts().filter(usd));
    const result = await desk.bulk(
      {
        accounts: [
          { server: SERVER, login: a.login },
          { server: SERVER, login: 999_999 },
          { server: SERVER, login: b.login },
        ],
        action: { kind: 'balance', balanceKind: 'bonus', amount: '100', note: 'promo' },
        dryRun: true,
      },
      alice,
    );
    expect(result.results.map((r) => [r.login, r.ok])).toEqual([
      [a.login, true],
      [999_999, false],
      [b.login, true],
    ]);
    expect(result.results[0]?.message).toBe(
      `Would book bonus of 100.00 USD: Credit ${shown(a.credit)} USD → Credit ${shown(a.credit + 10_000)} USD.`,
    );
    expect(result.results[0]?.preview?.after.equity).toBe((result.results[0]?.preview?.before.equity ?? 0) + 10_000);
    expect(result.results[1]?.message).toBe('Login 999999 is not an account on sim-actions.');
    expect(h.gateway.calls).toEqual([]);
    expect(h.audit.entries.map((e) => [e.action, e.result])).toEqual([['bulk.dry-run', 'ok']]);
    expect(desk.list()).toEqual([]);
  });

  it('runs each account through the single-action path; one refusal does not stop the others', async () => {
    const h = harness();
    const desk = h.makeDesk();
    const [a, b] = two(h.accounts().filter((x) => usd(x) && x.leverage !== 250));
    const result = await desk.bulk(
      {
        accounts: [
          { server: SERVER, login: a.login },
          { server: SERVER, login: 999_999 },
          { server: SERVER, login: b.login },
        ],
        action: { kind: 'account', change: { kind: 'leverage', leverage: 250 } },
        dryRun: false,
      },
      alice,
    );
    expect(result.results.map((r) => [r.login, r.ok, r.action?.state ?? null])).toEqual([
      [a.login, true, 'confirmed'],
      [999_999, false, null],
      [b.login, true, 'confirmed'],
    ]);
    expect(h.gateway.sends).toHaveLength(2);
    expect(h.audit.entries.filter((e) => e.action === 'account.leverage' && e.result === 'refused')).toHaveLength(1);
    expect(h.audit.entries.filter((e) => e.result === 'confirmed')).toHaveLength(2);
    expect(h.audit.entries.at(-1)).toMatchObject({ action: 'bulk.run' });
  });
});
