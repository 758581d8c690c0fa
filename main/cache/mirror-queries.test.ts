import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOf } from '../../shared/events';
import { type MirrorCache, openMirror } from './mirror';
import {
  account,
  accountUpdate,
  cursorAt,
  deal,
  dealAdd,
  groupSpec,
  order,
  orderAdd,
  orderDelete,
  position,
  positionAdd,
  positionDelete,
  SERVER,
  symbolSpec,
  tick,
} from './test-events';

const DEMO = 'mt5-demo';
const ALL_TIME = { fromMsc: 0, toMsc: Number.MAX_SAFE_INTEGER, limit: 1000 };

describe('mirror queries', () => {
  let mirror: MirrorCache;
  beforeAll(() => {
    mirror = openMirror(':memory:');
    const eurusd = position(1, { login: 1001, symbol: 'EURUSD' });
    const xauusd = position(2, { login: 1001, symbol: 'XAUUSD', action: 1 });
    const other = position(3, { login: 1002, symbol: 'EURUSD' });
    const closed = position(4, { login: 1001, symbol: 'EURUSD' });
    mirror.applyBatch(
      SERVER,
      [
        positionAdd(1, 1, eurusd),
        positionAdd(2, 1, xauusd),
        positionAdd(3, 1, other),
        positionAdd(4, 1, closed),
        positionDelete(5, 2, closed),
        // Position 1 paid commission twice (in and a partial close); position 2 once.
        dealAdd(6, deal(100, { positionId: 1, login: 1001, commission: -350, timeMsc: 1000 })),
        dealAdd(7, deal(101, { positionId: 1, login: 1001, commission: -175, timeMsc: 2000, entry: 1 })),
        dealAdd(8, deal(102, { positionId: 2, login: 1001, commission: -700, timeMsc: 3000, symbol: 'XAUUSD' })),
        dealAdd(9, deal(103, { positionId: 3, login: 1002, commission: 0, timeMsc: 4000 })),
        accountUpdate(10, 1, account(1001)),
        accountUpdate(11, 1, account(1002, { group: 'real\\vip', balance: 5_000_000 })),
        orderAdd(12, 1, order(50, { login: 1001 })),
        orderAdd(13, 1, order(51, { login: 1002 })),
        orderAdd(14, 1, order(52, { login: 1002 })),
        orderDelete(15, 2, order(52, { login: 1002 })),
        tick(16, 'XAUUSD', 500, 2400),
        tick(17, 'EURUSD', 600, 1.09),
        { type: 'symbol.update', server: SERVER, seq: 18, version: 1, symbol: symbolSpec('EURUSD') },
        { type: 'symbol.update', server: SERVER, seq: 19, version: 1, symbol: symbolSpec('GBPUSD') },
        { type: 'group.update', server: SERVER, seq: 20, version: 1, group: groupSpec('real\\standard') },
        {
          type: 'group.update',
          server: SERVER,
          seq: 21,
          version: 1,
          group: groupSpec('cover\\lp1', { coverage: true }),
        },
      ],
      cursorAt(21),
    );
    const onDemo = <T extends { server: string }>(event: T): T => ({ ...event, server: DEMO });
    mirror.applyBatch(
      DEMO,
      [
        onDemo(positionAdd(1, 1, position(1, { login: 1001, symbol: 'EURUSD' }))),
        onDemo(dealAdd(2, deal(100, { positionId: 1, login: 1001, commission: -999, timeMsc: 1500 }))),
        onDemo(accountUpdate(3, 1, account(1001, { group: 'demo\\usd' }))),
        onDemo(tick(4, 'EURUSD', 700, 1.08)) as EventOf<'tick'>,
      ],
      cursorAt(4),
    );
  });
  afterAll(() => mirror.close());

  const tickets = (rows: { server: string; ticket: number }[]) => rows.map((r) => `${r.server}:${r.ticket}`);

  it('lists open positions, all and by server, login and symbol', () => {
    expect(tickets(mirror.openPositions())).toEqual(['mt5-demo:1', 'mt5-live:1', 'mt5-live:2', 'mt5-live:3']);
    expect(tickets(mirror.openPositions({ server: SERVER }))).toEqual(['mt5-live:1', 'mt5-live:2', 'mt5-live:3']);
    expect(tickets(mirror.openPositions({ server: SERVER, login: 1001 }))).toEqual(['mt5-live:1', 'mt5-live:2']);
    expect(tickets(mirror.openPositions({ server: SERVER, login: 1001, symbol: 'XAUUSD' }))).toEqual(['mt5-live:2']);
    expect(tickets(mirror.openPositions({ symbol: 'EURUSD' }))).toEqual(['mt5-demo:1', 'mt5-live:1', 'mt5-live:3']);
    expect(tickets(mirror.openPositions({ server: DEMO, symbol: 'EURUSD' }))).toEqual(['mt5-demo:1']);
  });

  it('returns positions as domain records with the commission paid so far', () => {
    const [first] = mirror.openPositions({ server: SERVER, login: 1001 });
    expect(first).toEqual({ ...position(1, { login: 1001, symbol: 'EURUSD' }), server: SERVER, commission: -525 });
    const commissions = mirror.openPositions().map((p) => [`${p.server}:${p.ticket}`, p.commission]);
    expect(commissions).toEqual([
      ['mt5-demo:1', -999],
      ['mt5-live:1', -525],
      ['mt5-live:2', -700],
      ['mt5-live:3', 0],
    ]);
  });

  it('finds accounts one at a time, by server and by login', () => {
    expect(mirror.account(SERVER, 1002)).toEqual({
      ...account(1002, { group: 'real\\vip', balance: 5_000_000 }),
      server: SERVER,
    });
    expect(mirror.account(SERVER, 9999)).toBeUndefined();
    expect(mirror.accounts().map((a) => `${a.server}:${a.login}`)).toEqual([
      'mt5-demo:1001',
      'mt5-live:1001',
      'mt5-live:1002',
    ]);
    expect(mirror.accounts({ server: DEMO }).map((a) => a.group)).toEqual(['demo\\usd']);
    expect(mirror.accounts({ login: 1001 }).map((a) => a.server)).toEqual([DEMO, SERVER]);
    expect(mirror.accounts({ server: SERVER, login: 1001 }).map((a) => a.group)).toEqual(['real\\standard']);
  });

  it('lists deals in a time window, newest first, by server and login, up to a limit', () => {
    const keys = (rows: { server: string; ticket: number }[]) => tickets(rows);
    expect(keys(mirror.deals(ALL_TIME))).toEqual([
      'mt5-live:103',
      'mt5-live:102',
      'mt5-live:101',
      'mt5-demo:100',
      'mt5-live:100',
    ]);
    expect(keys(mirror.deals({ fromMsc: 1500, toMsc: 3000, limit: 10 }))).toEqual([
      'mt5-live:102',
      'mt5-live:101',
      'mt5-demo:100',
    ]);
    expect(keys(mirror.deals({ ...ALL_TIME, server: SERVER, login: 1001 }))).toEqual([
      'mt5-live:102',
      'mt5-live:101',
      'mt5-live:100',
    ]);
    expect(keys(mirror.deals({ ...ALL_TIME, login: 1001 }))).toEqual([
      'mt5-live:102',
      'mt5-live:101',
      'mt5-demo:100',
      'mt5-live:100',
    ]);
    expect(keys(mirror.deals({ ...ALL_TIME, server: DEMO }))).toEqual(['mt5-demo:100']);
    expect(keys(mirror.deals({ ...ALL_TIME, limit: 2 }))).toEqual(['mt5-live:103', 'mt5-live:102']);
    expect(mirror.deals({ ...ALL_TIME, server: SERVER, login: 1002 })[0]).toEqual({
      ...deal(103, { positionId: 3, login: 1002, commission: 0, timeMsc: 4000 }),
      server: SERVER,
    });
  });

  it('lists open orders, all and by server and login', () => {
    expect(tickets(mirror.openOrders())).toEqual(['mt5-live:50', 'mt5-live:51']);
    expect(tickets(mirror.openOrders({ server: SERVER, login: 1002 }))).toEqual(['mt5-live:51']);
    expect(mirror.openOrders({ server: DEMO })).toEqual([]);
    expect(mirror.openOrders({ server: SERVER, login: 1001 })[0]).toEqual({
      ...order(50, { login: 1001 }),
      server: SERVER,
    });
  });

  it('returns symbols, groups and latest ticks of one server', () => {
    expect(mirror.symbols(SERVER)).toEqual([symbolSpec('EURUSD'), symbolSpec('GBPUSD')]);
    expect(mirror.groups(SERVER)).toEqual([groupSpec('cover\\lp1', { coverage: true }), groupSpec('real\\standard')]);
    expect(mirror.latestTicks(DEMO)).toEqual([{ symbol: 'EURUSD', timeMsc: 700, bid: 1.08, ask: 1.08 + 0.0002 }]);
    expect(mirror.latestTicks(SERVER).map((t) => t.symbol)).toEqual(['EURUSD', 'XAUUSD']);
    expect(mirror.symbols('unknown')).toEqual([]);
  });

  it('keeps one cursor per server', () => {
    expect(mirror.cursor(SERVER)).toEqual(cursorAt(21));
    expect(mirror.cursor(DEMO)).toEqual(cursorAt(4));
  });
});
