import { describe, expect, it } from 'vitest';
import type { ActionRow } from '../../shared/actions';
import { DealAction } from '../../shared/mt5';
import {
  advance,
  alice,
  bob,
  deposit,
  droppingBalances,
  eur,
  harnessPerTest,
  loseFirstReply,
  OPEN_LIMITS,
  refusal,
  rita,
  root,
  SERVER,
  shown,
  two,
  typed,
  usd,
} from './test-kit';

const harness = harnessPerTest();

describe('a balance operation on the simulator', () => {
  it('is sent once, confirmed by its deal, and audited step by step', async () => {
    const h = harness({ limits: OPEN_LIMITS });
    const desk = h.makeDesk();
    const account = h.accountWhere(usd);
    const row = await desk.balance(deposit(account.login, '1,500.25', 'wire 42'), alice);

    expect(row).toMatchObject({ state: 'confirmed', amount: 150_025, currency: 'USD', attempts: 1, note: 'wire 42' });
    expect(row.before).toBe(`Balance ${shown(account.balance)} USD`);
    expect(row.after).toBe(`Balance ${shown(account.balance + 150_025)} USD`);
    const deals = h.balanceDealsWith(row.id);
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({ ticket: row.dealTicket, profit: 150_025, comment: `${row.id} wire 42` });
    expect(h.truthAccount(account.login)?.balance).toBe(account.balance + 150_025);
    expect(h.gateway.sends).toEqual([`balance ${account.login} 2 150025 ${row.id} wire 42`]);
    expect(h.audit.of(row.id).map((e) => [e.action, e.operator, e.result])).toEqual([
      ['balance.deposit', 'alice', 'ok'],
      ['balance.deposit', 'alice', 'pending'],
      ['balance.deposit', '(desk)', 'confirmed'],
    ]);
    expect(desk.takeChanges()).toEqual([row]);
    expect(desk.takeChanges()).toEqual([]);
    expect(desk.list()).toEqual([row]);
  });

  it('happens exactly once when the reply is lost after the server applied it', async () => {
    const h = harness({ limits: OPEN_LIMITS });
    const desk = h.makeDesk();
    const account = h.accountWhere(usd);
    loseFirstReply(h, 'balance');
    h.control.holdEvents = true; // the stream lags: the deal is not in the desk's cache when it looks
    const sent = await desk.balance(deposit(account.login, '250'), alice);
    expect(sent).toMatchObject({ state: 'sending', attempts: 1 });
    expect(h.audit.of(sent.id).at(-1)?.message).toMatch(
      /No reply from sim-actions \(connection reset by peer\).*in 1 s/,
    );

    await advance(h, desk, 1_000);
    const found = desk.list().find((r) => r.id === sent.id);
    const [deal] = h.balanceDealsWith(sent.id);
    expect(found).toMatchObject({ state: 'pending', dealTicket: deal?.ticket, attempts: 1 });
    expect(h.gateway.calls).toEqual([
      `balance ${account.login} 2 25000 ${sent.id}`,
      `findBalanceDeal ${account.login} ${sent.id}`,
    ]);

    h.control.holdEvents = false;
    h.deliver();
    await advance(h, desk, 60_000);
    expect(desk.list().find((r) => r.id === sent.id)).toMatchObject({ state: 'confirmed', dealTicket: deal?.ticket });
    expect(h.balanceDealsWith(sent.id)).toHaveLength(1);
    expect(h.truthAccount(account.login)?.balance).toBe(account.balance + 25_000);
    expect(h.gateway.sends).toHaveLength(1);
  });

  it('is confirmed without a retry when its deal arrives before the lost reply would be chased', async () => {
    const h = harness({ limits: OPEN_LIMITS });
    const desk = h.makeDesk();
    const account = h.accountWhere(usd);
    loseFirstReply(h, 'balance');
    const row = await desk.balance(deposit(account.login, '75'), alice);
    expect(row.state).toBe('confirmed');
    await advance(h, desk, 60_000);
    expect(h.gateway.calls).toHaveLength(1);
    expect(h.balanceDealsWith(row.id)).toHaveLength(1);
    expect(h.truthAccount(account.login)?.balance).toBe(account.balance + 7_500);
  });

  it('is sent again with the same id when the server never got it, and booked once', async () => {
    const h = harness({ limits: OPEN_LIMITS, gateway: droppingBalances(1) });
    const desk = h.makeDesk();
    const account = h.accountWhere(usd);
    const row = await desk.balance(deposit(account.login, '99.99', 'retry me'), alice);
    expect(row.state).toBe('sending');
    expect(h.balanceDealsWith(row.id)).toHaveLength(0);

    await advance(h, desk, 1_000);
    const settled = desk.list().find((r) => r.id === row.id);
    expect(settled).toMatchObject({ state: 'confirmed', attempts: 2 });
    const send = `balance ${account.login} 2 9999 ${row.id} retry me`;
    expect(h.gateway.calls).toEqual([send, `findBalanceDeal ${account.login} ${row.id}`, send]);
    expect(h.balanceDealsWith(row.id)).toHaveLength(1);
    expect(h.truthAccount(account.login)?.balance).toBe(account.balance + 9_999);
  });

  it('counts a reply that never comes as lost after the timeout, then looks before resending', async () => {
    let first = true;
    const h = harness({
      limits: OPEN_LIMITS,
      gateway: (inner) => ({
        server: inner.server,
        balance: (...args) => {
          if (!first) return inner.balance(...args);
          first = false;
          return new Promise(() => {}); // never answers, never reaches the server
        },
        updateUser: (...args) => inner.updateUser(...args),
        findBalanceDeal: (...args) => inner.findBalanceDeal(...args),
      }),
    });
    const desk = h.makeDesk();
    const account = h.accountWhere(usd);
    const request = desk.balance(deposit(account.login, '10'), alice);
    h.timers.advance(4_999);
    h.timers.advance(1);
    const row = await request;
    expect(row.state).toBe('sending');
    expect(h.audit.of(row.id).at(-1)?.message).toMatch(/no answer within 5 s/);
    await advance(h, desk, 1_000);
    expect(desk.list()[0]).toMatchObject({ id: row.id, state: 'confirmed', attempts: 2 });
    expect(h.balanceDealsWith(row.id)).toHaveLength(1);
  });

  it('ends unresolved after the last attempt, audited, and a late deal still confirms it', async () => {
    const h = harness({ limits: OPEN_LIMITS, gateway: droppingBalances(3) });
    const desk = h.makeDesk();
    const account = h.accountWhere(usd);
    const row = await desk.balance(deposit(account.login, '20'), alice);
    await advance(h, desk, 1_000);
    await advance(h, desk, 2_000);
    expect(desk.list()[0]).toMatchObject({ state: 'sending', attempts: 3 });
    await advance(h, desk, 4_000);

    const unresolved = desk.list()[0] as ActionRow;
    expect(unresolved).toMatchObject({ id: row.id, state: 'unresolved', attempts: 3 });
    expect(unresolved.error?.message).toMatch(/No reply after 3 attempts.*Check login \d+ on sim-actions/);
    expect(h.audit.of(row.id).at(-1)).toMatchObject({ result: 'unresolved', operator: '(desk)' });
    expect(h.gateway.sends).toHaveLength(3);
    expect(h.gateway.calls.filter((c) => c.startsWith('findBalanceDeal'))).toHaveLength(3);
    expect(h.timers.pending).toBe(0);
    expect(h.balanceDealsWith(row.id)).toHaveLength(0);

    // Someone books it by hand on the server with the same id: its deal confirms the action.
    h.simulator.balance(account.login, DealAction.BALANCE, 2_000, `${row.id} by hand`);
    h.deliver();
    expect(desk.list()[0]).toMatchObject({ state: 'confirmed', error: null });
  });

  it('is confirmed only by its own deal: same id token, login, action and amount', async () => {
    const h = harness({ limits: OPEN_LIMITS });
    const desk = h.makeDesk();
    const [one, other] = two(h.accounts().filter(usd));
    h.control.holdEvents = true;
    const row = await desk.balance(deposit(one.login, '12.34'), alice);
    expect(row.state).toBe('pending');
    const deal = h.balanceDealsWith(row.id)[0];
    if (!deal) throw new Error('no deal');
    const near = (change: Partial<typeof deal>) =>
      desk.applied(SERVER, [
        { type: 'deal.add', server: SERVER, seq: 1, deal: { ...deal, ticket: 9_999_999, ...change } },
      ]);
    near({ comment: `${row.id}3` }); // id 12 vs 123
    near({ comment: `${row.id.slice(0, -1)}` });
    near({ comment: `x${row.id}` });
    near({ profit: deal.profit + 1 });
    near({ login: other.login });
    near({ action: DealAction.CREDIT });
    desk.applied('another-server', [{ type: 'deal.add', server: 'another-server', seq: 1, deal }]);
    expect(desk.list()[0]?.state).toBe('pending');

    h.control.holdEvents = false;
    h.deliver();
    expect(desk.list()[0]).toMatchObject({ state: 'confirmed', dealTicket: deal.ticket });
  });

  it('fails with the server’s reason when a withdrawal is above free margin (10019)', async () => {
    const h = harness({ limits: OPEN_LIMITS });
    const desk = h.makeDesk();
    const account = h.accountWhere((a, positions) => usd(a) && positions > 0 && a.equity - a.margin < a.balance);
    const row = await desk.balance(
      { server: SERVER, login: account.login, kind: 'withdrawal', amount: typed(account.balance), note: '' },
      root,
    );
    expect(row).toMatchObject({
      state: 'failed',
      amount: -account.balance,
      error: { message: 'Not enough free margin or balance for this withdrawal (retcode 10019)', retcode: 10019 },
    });
    expect(h.audit.of(row.id).at(-1)).toMatchObject({ result: 'failed' });
    expect(h.balanceDealsWith(row.id)).toHaveLength(0);
    expect(h.truthAccount(account.login)?.balance).toBe(account.balance);
  });
});

describe('four eyes', () => {
  it('holds an operation above the threshold until another operator approves it', async () => {
    const h = harness(); // defaults: four eyes above 10,000 USD, dealers up to 50,000 USD
    const desk = h.makeDesk();
    const account = h.accountWhere(usd);
    const row = await desk.balance(deposit(account.login, '12000'), alice);
    expect(row.state).toBe('awaiting-approval');
    expect(h.gateway.calls).toEqual([]);
    expect(h.audit.of(row.id).at(-1)?.message).toMatch(
      /Awaiting approval: Deposit of 12,000.00 USD is above the four-eyes limit of 10,000.00 USD/,
    );

    const own = await refusal(desk.approve(row.id, alice));
    expect(own).toMatchObject({
      code: 'forbidden',
      message: `You requested ${row.id}; another operator must approve it.`,
    });
    expect((await refusal(desk.approve(row.id, rita))).code).toBe('forbidden');
    expect(
      h.audit
        .of(row.id)
        .filter((e) => e.result === 'refused')
        .map((e) => e.operator),
    ).toEqual(['alice', 'rita']);
    expect(h.gateway.calls).toEqual([]);

    const approved = await desk.approve(row.id, bob);
    expect(approved).toMatchObject({ state: 'confirmed', approvedBy: 'bob', requestedBy: 'alice', attempts: 1 });
    expect(h.balanceDealsWith(row.id)).toHaveLength(1);
    expect(h.audit.of(row.id).map((e) => [e.operator, e.result])).toEqual([
      ['alice', 'ok'],
      ['alice', 'pending'],
      ['alice', 'refused'],
      ['rita', 'refused'],
      ['bob', 'ok'],
      ['bob', 'pending'],
      ['(desk)', 'confirmed'],
    ]);
    expect((await refusal(desk.approve(row.id, root))).message).toBe(`${row.id} is confirmed, not awaiting approval.`);
  });

  it('records who rejected it and why, and nothing is sent', async () => {
    const h = harness();
    const desk = h.makeDesk();
    const row = await desk.balance(deposit(h.accountWhere(usd).login, '20000'), alice);
    expect((await refusal(() => desk.reject(row.id, '   ', bob))).message).toMatch(/Say why/);
    const rejected = desk.reject(row.id, 'client called to cancel', bob);
    expect(rejected).toMatchObject({
      state: 'rejected',
      error: { message: 'Rejected by bob: client called to cancel', retcode: null },
    });
    expect(h.audit.of(row.id).at(-1)).toMatchObject({
      operator: 'bob',
      result: 'refused',
      message: rejected.error?.message,
    });
    expect((await refusal(desk.approve(row.id, root))).code).toBe('bad_request');
    expect(h.gateway.calls).toEqual([]);
  });

  it('binds a dealer who approves by their own limit; an admin approves anything', async () => {
    const h = harness({ limits: { dealerMaxAmount: 20_000, fourEyesAbove: 10_000 } });
    const desk = h.makeDesk();
    const row = await desk.balance(deposit(h.accountWhere(usd).login, '30000'), root);
    expect(row.state).toBe('awaiting-approval');
    const byDealer = await refusal(desk.approve(row.id, bob));
    expect(byDealer).toMatchObject({
      code: 'forbidden',
      message: '30,000.00 USD is above your limit of 20,000.00 USD per operation; an admin can approve it.',
    });
    expect(h.gateway.calls).toEqual([]);
    const approved = await desk.approve(row.id, { name: 'second-admin', role: 'admin' });
    expect(approved).toMatchObject({ state: 'confirmed', approvedBy: 'second-admin' });
  });

  it('compares amounts in other currencies at live rates', async () => {
    const h = harness();
    const desk = h.makeDesk();
    const account = h.accountWhere(eur);
    // 9,500 EUR is above 10,000 USD at EURUSD ≈ 1.08.
    const row = await desk.balance(deposit(account.login, '9500'), alice);
    expect(row).toMatchObject({ state: 'awaiting-approval', currency: 'EUR' });
    expect(h.audit.of(row.id).at(-1)?.message).toMatch(
      /9,500.00 EUR \(about 10,\d{3}.\d\d USD\) is above the four-eyes limit/,
    );
  });
});
