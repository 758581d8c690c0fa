import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../../shared/domain';
import { money } from './format';
import { startWebApiServer, type WebApiServer } from './server';
import { nonStringScalars, type Row, TestClient } from './test-client';

// Paused (speed 0) and advanced by hand, so every answer can be compared with the ground truth.
const FAR_FUTURE_S = 4_102_444_800;

describe('Web API endpoints against the ground truth', () => {
  let server: WebApiServer;
  let client: TestClient;
  let rich: Account;

  beforeAll(async () => {
    server = await startWebApiServer({ speed: 0, simulator: { clients: 60, initialPositions: 150 } });
    server.simulator.advanceTo(server.simulator.nowMsc + 8_000);
    client = new TestClient(server);
    await client.loginAsManager(server);
    const accounts = [...server.simulator.truth().accounts.values()].filter((a) => !a.group.startsWith('coverage'));
    rich = accounts.reduce((a, b) => (b.balance > a.balance ? b : a));
  });
  afterAll(async () => {
    client.close();
    await server.stop();
  });

  it('sends every scalar of every record kind as a string', async () => {
    const position = [...server.simulator.truth().positions.values()][0];
    const order = [...server.simulator.truth().orders.values()][0];
    const records = [
      await client.ok('user/get', { login: rich.login }),
      await client.ok('user/account/get', { login: rich.login }),
      await client.ok('deal/get_batch', { login: rich.login, from: 0, to: FAR_FUTURE_S }),
      await client.ok('position/get_batch', { ticket: position?.ticket ?? 0 }),
      await client.ok('order/get_batch', { ticket: order?.ticket ?? 0 }),
      await client.ok('symbol/get', { mask: '*' }),
      await client.ok('group/get', { mask: '*' }),
      await client.ok('group/total'),
    ];
    expect(position).toBeDefined();
    for (const record of records) {
      expect(nonStringScalars(record)).toEqual([]);
      expect(record).not.toEqual([]);
    }
  });

  it('serves users, account states and open positions exactly as the truth holds them', async () => {
    const truth = server.simulator.truth();
    const user = (await client.ok('user/get', { login: rich.login })) as Row;
    expect(user).toMatchObject({ Login: String(rich.login), Group: rich.group, Balance: money(rich.balance) });
    const state = (await client.ok('user/account/get', { login: rich.login })) as Row;
    expect(state).toMatchObject({
      Equity: money(rich.equity),
      Margin: money(rich.margin),
      Floating: money(rich.floating),
    });

    const positions = (await client.ok('position/get_batch', { group: '*' })) as Row[];
    expect(positions.map((p) => Number(p.Position)).sort()).toEqual([...truth.positions.keys()].sort());
    const first = positions[0] as Row;
    const p = truth.positions.get(Number(first.Position));
    expect(Number(first.VolumeExt)).toBe(p?.volume);
    expect(Number(first.Volume) * 10_000).toBe(p?.volume);
    expect(Number(first.TimeCreateMsc)).toBe(p?.timeCreateMsc);
    expect(Number(first.TimeCreate)).toBe(Math.floor((p?.timeCreateMsc ?? 0) / 1000));

    const orders = (await client.ok('order/get_batch', { group: '*' })) as Row[];
    expect(orders.map((o) => Number(o.Order)).sort()).toEqual([...truth.orders.keys()].sort());
    const logins = (await client.ok('user/logins', { group: '*' })) as string[];
    expect(logins.map(Number).sort()).toEqual([...truth.accounts.keys()].sort());
  });

  it('pages deals and positions by at most 100 rows', async () => {
    const window = { login: rich.login, from: 0, to: FAR_FUTURE_S };
    expect((await client.call('deal/get_page', { ...window, offset: 0, total: 101 })).retcode).toBe(3);
    expect((await client.call('position/get_page', { login: rich.login, offset: 0, total: 101 })).retcode).toBe(3);
    const total = Number(((await client.ok('deal/get_total', window)) as Row).Total);
    const deals = server.simulator.truth().deals.filter((d) => d.login === rich.login);
    expect(total).toBe(deals.length);
    const page = (await client.ok('deal/get_page', { ...window, offset: 0, total: 100 })) as Row[];
    expect(page.map((d) => Number(d.Deal))).toEqual(deals.slice(0, 100).map((d) => d.ticket));
  });

  it('takes deal/get_batch by exactly one of login, group or ticket, with an inclusive window in seconds', async () => {
    expect((await client.call('deal/get_batch', { from: 0, to: FAR_FUTURE_S })).retcode).toBe(3);
    expect((await client.call('deal/get_batch', { login: rich.login, group: '*', from: 0, to: 1 })).retcode).toBe(3);
    expect((await client.call('deal/get_batch', { login: rich.login })).retcode).toBe(3);
    const deal =
      server.simulator.truth().deals.find((d) => d.timeMsc % 1000 !== 0) ?? server.simulator.truth().deals[0];
    const second = Math.floor((deal?.timeMsc ?? 0) / 1000);
    const inSecond = (await client.ok('deal/get_batch', {
      login: deal?.login ?? 0,
      from: second,
      to: second,
    })) as Row[];
    expect(inSecond.map((d) => Number(d.Deal))).toContain(deal?.ticket);
    const byTicket = (await client.ok('deal/get_batch', { ticket: deal?.ticket ?? 0 })) as Row[];
    expect(byTicket).toHaveLength(1);
    expect((await client.call('deal/get', { ticket: 1 })).retcode).toBe(13);
  });

  it('books a deposit as exactly one balance deal whose comment deal/get_batch shows', async () => {
    const from = Math.floor(server.simulator.nowMsc / 1000);
    const reply = await client.call('trade/balance', {
      login: rich.login,
      type: 2,
      balance: '123.45',
      comment: 'crm-tx-42',
    });
    expect(reply.retcode).toBe(0);
    const ticket = Number((reply.body.answer as Row).Ticket);
    const deals = (await client.ok('deal/get_batch', { login: rich.login, from, to: FAR_FUTURE_S })) as Row[];
    const balanceDeals = deals.filter((d) => d.Comment === 'crm-tx-42');
    expect(balanceDeals).toHaveLength(1);
    expect(balanceDeals[0]).toMatchObject({ Deal: String(ticket), Action: '2', Profit: '123.45', Symbol: '' });
    expect(
      server.simulator
        .truth()
        .deals.filter((d) => d.comment === 'crm-tx-42')
        .map((d) => d.ticket),
    ).toEqual([ticket]);
    const user = (await client.ok('user/get', { login: rich.login })) as Row;
    expect(user.Balance).toBe(money(server.simulator.truth().accounts.get(rich.login)?.balance ?? 0));
  });

  it('refuses balance operations as MT5 does', async () => {
    const base = { login: rich.login, comment: 'x' };
    expect((await client.call('trade/balance', { ...base, type: 2, balance: '-999999999' })).retcode).toBe(10019);
    expect((await client.call('trade/balance', { ...base, type: 2, balance: '1000000001' })).retcode).toBe(4005);
    expect((await client.call('trade/balance', { ...base, type: 7, balance: '10' })).retcode).toBe(3);
    expect(
      (await client.call('trade/balance', { ...base, type: 2, balance: '10', comment: 'c'.repeat(32) })).retcode,
    ).toBe(3);
    expect((await client.call('trade/balance', { ...base, login: 1, type: 2, balance: '10' })).retcode).toBe(13);
  });

  it('changes leverage through user/update within 1..500 only', async () => {
    expect((await client.call('user/update', { login: rich.login, leverage: 501 })).retcode).toBe(3);
    expect((await client.call('user/update', { login: 1, leverage: 100 })).retcode).toBe(13);
    // A JSON body overrides the query string.
    const changed = await client.call('user/update', { login: rich.login, leverage: 1 }, { leverage: 200 });
    expect(changed.retcode).toBe(0);
    expect(server.simulator.truth().accounts.get(rich.login)?.leverage).toBe(200);
    const state = (await client.ok('user/account/get', { login: rich.login })) as Row;
    expect(state.MarginLeverage).toBe('200');
    expect(((await client.ok('user/get', { login: rich.login })) as Row).Leverage).toBe('200');
  });

  it('serves reference data with the fields a client rebuilds specs from', async () => {
    const eurusd = (await client.ok('symbol/get', { symbol: 'EURUSD' })) as Row;
    expect(eurusd).toMatchObject({
      Digits: '5',
      ContractSize: '100000',
      TickSize: '0.00001',
      TickValue: '1',
      CalcMode: '0',
      CurrencyBase: 'EUR',
      CurrencyProfit: 'USD',
      VolumeMin: '100',
      VolumeMinExt: '1000000',
    });
    const group = (await client.ok('group/get', { group: 'real\\ecn-usd' })) as Row;
    expect(group).toMatchObject({ Currency: 'USD', MarginMode: '0', MarginCall: '100', MarginStopOut: '50' });
    expect(((await client.ok('group/get', { group: 'real\\standard-usd' })) as Row).MarginMode).toBe('2');
    const total = Number(((await client.ok('group/total')) as Row).Total);
    expect(((await client.ok('group/next', { index: total - 1 })) as Row).Group).toBeDefined();
    expect((await client.call('group/next', { index: total })).retcode).toBe(13);
    expect(((await client.ok('symbol/get', { mask: 'Forex\\*' })) as Row[]).length).toBe(12);
    const noABook = (await client.ok('user/logins', { group: 'real\\*,!real\\a-book\\*' })) as string[];
    const truth = server.simulator.truth().accounts;
    expect(noABook.every((login) => !truth.get(Number(login))?.group.startsWith('real\\a-book'))).toBe(true);
  });
});
