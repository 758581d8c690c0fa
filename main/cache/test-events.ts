/** Builders of valid SyncEvents for the cache's tests; each takes only what a test cares about. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Account, Deal, GroupSpec, Order, Position, SymbolSpec } from '../../shared/domain';
import type { EventOf, SourceCursor } from '../../shared/events';

export const SERVER = 'mt5-live';

export function position(ticket: number, fields: Partial<Position> = {}): Position {
  return {
    ticket,
    login: 1000 + (ticket % 7),
    symbol: 'EURUSD',
    action: 0,
    volume: 100_000_000,
    priceOpen: 1.1,
    priceCurrent: 1.1005,
    priceSL: 0,
    priceTP: 0,
    profit: 5000,
    swap: 0,
    timeCreateMsc: 1_700_000_000_000,
    timeUpdateMsc: 1_700_000_000_000,
    reason: 0,
    comment: '',
    ...fields,
  };
}

export function deal(ticket: number, fields: Partial<Deal> = {}): Deal {
  return {
    ticket,
    login: 1001,
    timeMsc: 1_700_000_000_000 + ticket,
    action: 0,
    entry: 0,
    symbol: 'EURUSD',
    volume: 100_000_000,
    price: 1.1,
    pricePosition: 0,
    profit: 0,
    commission: -350,
    swap: 0,
    positionId: 0,
    order: ticket,
    reason: 0,
    contractSize: 100_000,
    comment: '',
    ...fields,
  };
}

export function order(ticket: number, fields: Partial<Order> = {}): Order {
  return {
    ticket,
    login: 1001,
    symbol: 'EURUSD',
    type: 2,
    state: 1,
    volumeInitial: 100_000_000,
    volumeCurrent: 100_000_000,
    priceOrder: 1.09,
    priceTrigger: 0,
    priceSL: 0,
    priceTP: 0,
    timeSetupMsc: 1_700_000_000_000,
    comment: '',
    ...fields,
  };
}

export function account(login: number, fields: Partial<Account> = {}): Account {
  return {
    login,
    group: 'real\\standard',
    name: `Client ${login}`,
    leverage: 100,
    rights: 0x163,
    country: 'CY',
    balance: 1_000_000,
    credit: 0,
    margin: 0,
    equity: 1_000_000,
    floating: 0,
    registrationMsc: 1_600_000_000_000,
    ...fields,
  };
}

export function symbolSpec(symbol: string, fields: Partial<SymbolSpec> = {}): SymbolSpec {
  return {
    symbol,
    path: `Forex\\${symbol}`,
    description: symbol,
    digits: 5,
    calcMode: 0,
    contractSize: 100_000,
    tickSize: 0.00001,
    tickValue: 1,
    currencyBase: symbol.slice(0, 3),
    currencyProfit: symbol.slice(3, 6),
    currencyMargin: symbol.slice(0, 3),
    volumeMin: 1_000_000,
    volumeMax: 10_000_000_000,
    volumeStep: 1_000_000,
    swapLong: -1.5,
    swapShort: 0.3,
    ...fields,
  };
}

export function groupSpec(group: string, fields: Partial<GroupSpec> = {}): GroupSpec {
  return {
    group,
    currency: 'USD',
    currencyDigits: 2,
    marginMode: 2,
    marginSOMode: 0,
    marginCall: 100,
    marginStopOut: 50,
    commissionPerLot: -350,
    commissionEntry: 0,
    coverage: false,
    ...fields,
  };
}

export const positionAdd = (seq: number, version: number, p: Position): EventOf<'position.add'> => ({
  type: 'position.add',
  server: SERVER,
  seq,
  version,
  position: p,
});
export const positionUpdate = (seq: number, version: number, p: Position): EventOf<'position.update'> => ({
  type: 'position.update',
  server: SERVER,
  seq,
  version,
  position: p,
});
export const positionDelete = (seq: number, version: number, p: Position): EventOf<'position.delete'> => ({
  type: 'position.delete',
  server: SERVER,
  seq,
  version,
  ticket: p.ticket,
  login: p.login,
});
export const dealAdd = (seq: number, d: Deal): EventOf<'deal.add'> => ({
  type: 'deal.add',
  server: SERVER,
  seq,
  deal: d,
});
export const orderAdd = (seq: number, version: number, o: Order): EventOf<'order.add'> => ({
  type: 'order.add',
  server: SERVER,
  seq,
  version,
  order: o,
});
export const orderDelete = (seq: number, version: number, o: Order): EventOf<'order.delete'> => ({
  type: 'order.delete',
  server: SERVER,
  seq,
  version,
  ticket: o.ticket,
  login: o.login,
});
export const accountUpdate = (seq: number, version: number, a: Account): EventOf<'account.update'> => ({
  type: 'account.update',
  server: SERVER,
  seq,
  version,
  account: a,
});
export const tick = (seq: number, symbol: string, timeMsc: number, bid = 1.1): EventOf<'tick'> => ({
  type: 'tick',
  server: SERVER,
  seq,
  tick: { symbol, timeMsc, bid, ask: bid + 0.0002 },
});

/** The cursor a source would send after the event with `seq`. */
export const cursorAt = (seq: number): SourceCursor => ({
  seq,
  dealTimeMsc: seq * 10,
  dealTicket: seq,
  tickTransId: `t${seq}`,
});

/** A fresh folder for integration-style tests on real files; remove it in afterEach. */
export function tempFolder(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'desk-cache-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
