import { describe, expect, it } from 'vitest';
import { UserRights } from '../../shared/mt5';
import { advance, alice, bob, harnessPerTest, loseFirstReply, refusal, SERVER, usd } from './test-kit';

const harness = harnessPerTest();

describe('account changes', () => {
  it('changes leverage: pending when the server says done, confirmed by the account event', async () => {
    const h = harness();
    const desk = h.makeDesk();
    const account = h.accountWhere((a) => a.leverage !== 200);
    h.control.holdEvents = true;
    const row = await desk.account(
      { server: SERVER, login: account.login, change: { kind: 'leverage', leverage: 200 } },
      alice,
    );
    expect(row).toMatchObject({
      kind: 'leverage',
      state: 'pending',
      before: `1:${account.leverage}`,
      after: '1:200',
      amount: null,
      dealTicket: null,
    });
    expect(h.gateway.sends).toEqual([`updateUser ${account.login} {"leverage":200}`]);
    // An update of the same account that does not show the new leverage confirms nothing.
    desk.applied(SERVER, [{ type: 'account.update', server: SERVER, seq: 1, version: 1, account }]);
    expect(desk.list()[0]?.state).toBe('pending');

    h.control.holdEvents = false;
    h.deliver();
    expect(desk.list()[0]).toMatchObject({ state: 'confirmed' });
    expect(h.audit.of(row.id).at(-1)?.message).toBe(`Confirmed: sim-actions reports 1:200 for login ${account.login}.`);
    expect(h.truthAccount(account.login)?.leverage).toBe(200);
  });

  it('refuses moving an account with open positions to a group of another currency, saying why', async () => {
    const h = harness();
    const desk = h.makeDesk();
    const account = h.accountWhere((a, positions) => a.group === 'real\\standard-usd' && positions > 0);
    const error = await refusal(
      desk.account({ server: SERVER, login: account.login, change: { kind: 'group', group: 'real\\vip-eur' } }, alice),
    );
    expect(error.message).toMatch(
      new RegExp(
        `^Login ${account.login} has \\d+ open positions?(?: and \\d+ pending orders?)?, so it cannot move from real\\\\standard-usd to real\\\\vip-eur: the currency \\(USD → EUR\\) differs. Close them first.$`,
      ),
    );
    const toNetting = await refusal(
      desk.account({ server: SERVER, login: account.login, change: { kind: 'group', group: 'real\\ecn-usd' } }, alice),
    );
    expect(toNetting.message).toMatch(/the margin mode \(hedging → netting\) differs/);
    expect(h.gateway.calls).toEqual([]);

    const twin = await desk.account(
      { server: SERVER, login: account.login, change: { kind: 'group', group: 'real\\a-book\\standard-usd' } },
      alice,
    );
    expect(twin).toMatchObject({
      state: 'confirmed',
      before: 'real\\standard-usd',
      after: 'real\\a-book\\standard-usd',
    });
    expect(desk.groups(SERVER).map((g) => g.name)).not.toContain('coverage\\lp1-usd');
    expect(desk.groups(SERVER).find((g) => g.name === 'real\\vip-eur')).toEqual({
      name: 'real\\vip-eur',
      currency: 'EUR',
      hedging: true,
      marginCallLevel: 80,
      stopOutLevel: 30,
    });
  });

  it('disables and enables trading by flipping TRADE_DISABLED on the current rights', async () => {
    const h = harness();
    const desk = h.makeDesk();
    const account = h.accountWhere(usd);
    const off = await desk.account(
      { server: SERVER, login: account.login, change: { kind: 'trading', enabled: false } },
      alice,
    );
    expect(off).toMatchObject({ state: 'confirmed', before: 'enabled', after: 'disabled' });
    expect(h.truthAccount(account.login)?.rights).toBe(account.rights | UserRights.TRADE_DISABLED);
    const on = await desk.account(
      { server: SERVER, login: account.login, change: { kind: 'trading', enabled: true } },
      bob,
    );
    expect(on).toMatchObject({ state: 'confirmed', before: 'disabled', after: 'enabled' });
    expect(h.truthAccount(account.login)?.rights).toBe(account.rights);
  });

  it('sends a user update again after a lost reply, which is safe: it sets values', async () => {
    const h = harness();
    const desk = h.makeDesk();
    const account = h.accountWhere((a) => a.leverage !== 300);
    loseFirstReply(h, 'updateUser');
    h.control.holdEvents = true;
    const row = await desk.account(
      { server: SERVER, login: account.login, change: { kind: 'leverage', leverage: 300 } },
      alice,
    );
    expect(row.state).toBe('sending');
    await advance(h, desk, 1_000);
    expect(desk.list()[0]).toMatchObject({ state: 'pending', attempts: 2 });
    h.control.holdEvents = false;
    h.deliver();
    expect(desk.list()[0]).toMatchObject({ state: 'confirmed' });
    expect(h.truthAccount(account.login)?.leverage).toBe(300);
  });
});
