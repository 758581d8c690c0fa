/**
 * The incremental engine against the full recompute: after any sequence of what a cache can
 * apply (adds, updates, partial closes, reversals, deletes, ticks, regroups, spec changes and
 * repeated updates under newer versions), both give the same snapshot, to the cent and the lot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account, GroupSpec, Order, Position, SymbolSpec, Tick } from '../../../shared/domain';
import type { SyncEvent } from '../../../shared/events';
import { MarginMode } from '../../../shared/mt5';
import { ExposureEngine } from './engine';
import { account, GROUPS, order, position, SYMBOLS } from './fixtures';
import type { ExposureOptions } from './keys';
import { recomputeExposure, type ServerCache } from './recompute';

const SERVERS = ['s1', 's2'] as const;
const GROUP_NAMES = [...GROUPS.map((g) => g.group), 'unknown\\group'];
const SYMBOL_NAMES = [...SYMBOLS.map((s) => s.symbol), 'BTCUSD'];

const options: Partial<ExposureOptions> = {
  regionOf: (server, login) => (login % 3 === 0 ? undefined : `${server === 's1' ? 'EU' : 'ASIA'}-${login % 2}`),
  bookOf: (_server, login) => (login % 2 === 1 ? 'A' : 'B'),
};

// A small universe, skewed to one server and symbol, so tickets, accounts and symbols collide
// often enough for hedged pairs, reversals and regroups to happen in most runs.
const server = fc.oneof({ weight: 3, arbitrary: fc.constant('s1') }, { weight: 1, arbitrary: fc.constant('s2') });
const login = fc.integer({ min: 1, max: 4 });
const ticket = fc.integer({ min: 1, max: 10 });
const symbolName = fc.oneof(
  { weight: 4, arbitrary: fc.constant('EURUSD') },
  { weight: 3, arbitrary: fc.constantFrom(...SYMBOL_NAMES) },
);
// Awkward prices on purpose: netting averages carry many digits.
const price = fc.integer({ min: 1, max: 30_000_000 }).map((n) => n / 7919);
const volume = fc.oneof(
  fc.integer({ min: 1, max: 2_000 }).map((n) => n * 1_000_000),
  fc.integer({ min: 1, max: 50_000_000_000 }),
);

type Command =
  | {
      kind: 'position';
      server: string;
      ticket: number;
      login: number;
      symbol: string;
      action: 0 | 1;
      volume: number;
      price: number;
    }
  | { kind: 'closePosition'; server: string; ticket: number }
  | {
      kind: 'order';
      server: string;
      ticket: number;
      login: number;
      symbol: string;
      type: number;
      state: number;
      volume: number;
    }
  | { kind: 'deleteOrder'; server: string; ticket: number }
  | { kind: 'account'; server: string; login: number; group: string; margin: number; equity: number; leverage: number }
  | { kind: 'deleteAccount'; server: string; login: number }
  | { kind: 'tick'; server: string; symbol: string; bid: number; spread: number }
  | { kind: 'group'; server: string; index: number; coverage: boolean; hedging: boolean }
  | { kind: 'symbol'; server: string; index: number; contractSize: number }
  | { kind: 'repeat' };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('position' as const),
      server,
      ticket,
      login,
      symbol: symbolName,
      action: fc.constantFrom(0 as const, 1 as const),
      volume,
      price,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('closePosition' as const), server, ticket }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      server,
      ticket,
      login,
      symbol: symbolName,
      type: fc.integer({ min: 0, max: 8 }),
      state: fc.integer({ min: 0, max: 6 }),
      volume,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteOrder' as const), server, ticket }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('account' as const),
      server,
      login,
      group: fc.constantFrom(...GROUP_NAMES),
      margin: fc.integer({ min: 0, max: 10_000_000 }),
      equity: fc.integer({ min: -1_000_000, max: 10_000_000 }),
      leverage: fc.constantFrom(1, 30, 100, 500),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteAccount' as const), server, login }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      server,
      symbol: symbolName,
      bid: price,
      spread: fc.integer({ min: 0, max: 50 }).map((n) => n / 997),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('group' as const),
      server,
      index: fc.integer({ min: 0, max: GROUPS.length - 1 }),
      coverage: fc.boolean(),
      hedging: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('symbol' as const),
      server,
      index: fc.integer({ min: 0, max: SYMBOLS.length - 1 }),
      contractSize: fc.constantFrom(1, 100, 100_000),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'repeat' as const }) },
);

/** What the cache holds per server after applying the same events. */
class CacheModel {
  readonly symbols = new Map<string, Map<string, SymbolSpec>>();
  readonly groups = new Map<string, Map<string, GroupSpec>>();
  readonly ticks = new Map<string, Map<string, Tick>>();
  readonly accounts = new Map<string, Map<number, Account>>();
  readonly positions = new Map<string, Map<number, Position>>();
  readonly orders = new Map<string, Map<number, Order>>();

  apply(event: SyncEvent): void {
    const s = event.server;
    switch (event.type) {
      case 'symbol.update':
        return void of(this.symbols, s).set(event.symbol.symbol, event.symbol);
      case 'group.update':
        return void of(this.groups, s).set(event.group.group, event.group);
      case 'tick':
        return void of(this.ticks, s).set(event.tick.symbol, event.tick);
      case 'account.add':
      case 'account.update':
        return void of(this.accounts, s).set(event.account.login, event.account);
      case 'account.delete':
        return void of(this.accounts, s).delete(event.login);
      case 'position.add':
      case 'position.update':
        return void of(this.positions, s).set(event.position.ticket, event.position);
      case 'position.delete':
        return void of(this.positions, s).delete(event.ticket);
      case 'order.add':
      case 'order.update':
        return void of(this.orders, s).set(event.order.ticket, event.order);
      case 'order.delete':
        return void of(this.orders, s).delete(event.ticket);
      default:
        return;
    }
  }

  caches(): ServerCache[] {
    return SERVERS.map((server) => ({
      server,
      symbols: [...of(this.symbols, server).values()],
      groups: [...of(this.groups, server).values()],
      ticks: [...of(this.ticks, server).values()],
      accounts: [...of(this.accounts, server).values()],
      positions: [...of(this.positions, server).values()],
      orders: [...of(this.orders, server).values()],
    }));
  }
}

function of<K, V>(maps: Map<string, Map<K, V>>, server: string): Map<K, V> {
  let map = maps.get(server);
  if (!map) {
    map = new Map();
    maps.set(server, map);
  }
  return map;
}

/** Turns commands into the events a cache would have applied, with increasing seq/version. */
function eventsOf(commands: readonly Command[], model: CacheModel): SyncEvent[] {
  let seq = 0;
  const events: SyncEvent[] = [];
  let last: SyncEvent | undefined;
  const v = (server: string) => ({ server, seq: ++seq, version: seq });
  for (const c of commands) {
    let event: SyncEvent | undefined;
    switch (c.kind) {
      case 'position': {
        const exists = of(model.positions, c.server).has(c.ticket);
        const p = position(c.ticket, c.login, c.symbol, c.action, c.volume, c.price);
        event = { type: exists ? 'position.update' : 'position.add', ...v(c.server), position: p };
        last = event;
        break;
      }
      case 'closePosition': {
        const p = of(model.positions, c.server).get(c.ticket);
        if (p) event = { type: 'position.delete', ...v(c.server), ticket: c.ticket, login: p.login };
        break;
      }
      case 'order': {
        const exists = of(model.orders, c.server).has(c.ticket);
        const o = order(c.ticket, c.login, c.symbol, c.type, c.volume, c.state);
        event = { type: exists ? 'order.update' : 'order.add', ...v(c.server), order: o };
        last = event;
        break;
      }
      case 'deleteOrder': {
        const o = of(model.orders, c.server).get(c.ticket);
        if (o) event = { type: 'order.delete', ...v(c.server), ticket: c.ticket, login: o.login };
        break;
      }
      case 'account': {
        const a = account(c.login, c.group, c.margin, c.equity, c.leverage);
        event = { type: 'account.update', ...v(c.server), account: a };
        last = event;
        break;
      }
      case 'deleteAccount':
        if (of(model.accounts, c.server).has(c.login))
          event = { type: 'account.delete', ...v(c.server), login: c.login };
        break;
      case 'tick':
        event = {
          type: 'tick',
          server: c.server,
          seq: ++seq,
          tick: { symbol: c.symbol, timeMsc: seq, bid: c.bid, ask: c.bid + c.spread },
        };
        break;
      case 'group': {
        const base = GROUPS[c.index] as GroupSpec;
        const marginMode = c.hedging ? MarginMode.RETAIL_HEDGED : MarginMode.RETAIL_NETTING;
        event = { type: 'group.update', ...v(c.server), group: { ...base, coverage: c.coverage, marginMode } };
        break;
      }
      case 'symbol': {
        const base = SYMBOLS[c.index] as SymbolSpec;
        event = { type: 'symbol.update', ...v(c.server), symbol: { ...base, contractSize: c.contractSize } };
        break;
      }
      case 'repeat':
        // The same record again under a newer version: the cache applies it, nothing may change.
        if (last && last.type !== 'tick' && 'version' in last) event = { ...last, ...v(last.server) } as SyncEvent;
        break;
    }
    if (!event) continue;
    model.apply(event);
    events.push(event);
  }
  return events;
}

/** A desk that starts with its symbols, groups and some quotes, as a live session does. */
function prelude(): Command[] {
  const commands: Command[] = [];
  for (const s of SERVERS) {
    SYMBOLS.forEach((spec, index) => {
      commands.push({ kind: 'symbol', server: s, index, contractSize: spec.contractSize });
    });
    GROUPS.forEach((g, index) => {
      commands.push({ kind: 'group', server: s, index, coverage: g.coverage, hedging: g.marginMode === 2 });
    });
    commands.push({ kind: 'tick', server: s, symbol: 'EURUSD', bid: 1.08, spread: 0.0002 });
    commands.push({ kind: 'tick', server: s, symbol: 'USDJPY', bid: 151.2, spread: 0.02 });
  }
  return commands;
}

describe('incremental exposure equals the full recompute', () => {
  it('after any sequence of cache events', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(command, { minLength: 1, maxLength: 80 }), (withPrelude, commands) => {
        const model = new CacheModel();
        const engine = new ExposureEngine(options);
        const events = eventsOf(withPrelude ? [...prelude(), ...commands] : commands, model);
        // Check mid-way too: a difference that later events happen to cancel is still a bug.
        const half = Math.floor(events.length / 2);
        const midModel = new CacheModel();
        for (const e of events.slice(0, half)) midModel.apply(e);
        engine.apply(events.slice(0, half));
        expect(engine.snapshot()).toEqual(recomputeExposure(midModel.caches(), options));
        engine.apply(events.slice(half));
        const expected = recomputeExposure(model.caches(), options);
        expect(engine.snapshot()).toEqual(expected);
        for (const row of expected.symbols) {
          const tickets = [...of(model.positions, row.server).values()]
            .filter((p) => p.symbol === row.symbol)
            .map((p) => ({ server: row.server, ticket: p.ticket }))
            .sort((a, b) => a.ticket - b.ticket);
          expect(engine.positionsBehind({ tab: 'symbol', server: row.server, symbol: row.symbol })).toEqual(tickets);
        }
      }),
      { numRuns: 300 },
    );
  });
});
