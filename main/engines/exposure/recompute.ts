/**
 * The full recompute: exposure folded from scratch out of what the cache holds (symbols, groups,
 * latest ticks, accounts, open positions, working orders). It exists only to check the
 * incremental engine: it shares the slicing rules (keys.ts), the sums (aggregates.ts) and the
 * read-time valuation (snapshot.ts), but none of the engine's event handling, so any slip in
 * taking back a contribution, moving an account or tracking locked volume shows as a difference.
 */
import type { Account, GroupSpec, Order, Position, ServerId, SymbolSpec, Tick } from '../../../shared/domain';
import type { ExposureSnapshot } from '../../../shared/exposure';
import { addFigures, addOrder, addPosition, contributionOf, pendingVolumeOf } from './aggregates';
import { type AccountSlice, classifyAccount, defaultExposureOptions, type ExposureOptions, figuresOf } from './keys';
import { buildSnapshot } from './snapshot';
import { ExposureState, sideOf } from './state';

export interface ServerCache {
  server: ServerId;
  symbols: readonly SymbolSpec[];
  groups: readonly GroupSpec[];
  /** The latest tick of each symbol. */
  ticks: readonly Tick[];
  accounts: readonly Account[];
  positions: readonly Position[];
  orders: readonly Order[];
}

export function recomputeExposure(
  servers: readonly ServerCache[],
  overrides: Partial<ExposureOptions> = {},
): ExposureSnapshot {
  const options = { ...defaultExposureOptions(), ...overrides };
  const state = new ExposureState(options.deskCurrency);
  for (const cache of servers) foldServer(state, cache, options);
  return buildSnapshot(state);
}

function foldServer(state: ExposureState, cache: ServerCache, options: ExposureOptions): void {
  const { server } = cache;
  const book = state.serverBook(server);
  for (const spec of cache.symbols) book.setSymbol(spec);
  for (const group of cache.groups) book.groups.set(group.group, group);
  for (const tick of cache.ticks) book.setTick(tick);

  const accounts = new Map(cache.accounts.map((account) => [account.login, account]));
  const slices = new Map<number, AccountSlice>();
  const sliceOf = (login: number): AccountSlice => {
    let slice = slices.get(login);
    if (!slice) {
      slice = classifyAccount(server, login, accounts.get(login), book.groups, options);
      slices.set(login, slice);
    }
    return slice;
  };

  for (const account of cache.accounts) {
    const figures = figuresOf(server, account.login, account, options);
    if (figures) addFigures(state.marginCell(server, sliceOf(account.login).group), figures, 1);
  }

  // Buy and sell volume per hedging account and symbol, for locked volume once all are in.
  const legs = new Map<string, { login: number; symbol: string; buy: number; sell: number }>();
  for (const position of cache.positions) {
    const slice = sliceOf(position.login);
    const cells = state.cellsOf(server, position.symbol, slice);
    const contribution = contributionOf(position.action, position.volume, position.priceOpen);
    for (const cell of cells.all) addPosition(sideOf(cell, slice.coverage), contribution, 1);
    cells.symbol.tickets.add(position.ticket);
    if (!slice.hedging) continue;
    const key = `${position.login} ${position.symbol}`;
    const leg = legs.get(key) ?? { login: position.login, symbol: position.symbol, buy: 0, sell: 0 };
    legs.set(key, leg);
    if (position.action === 0) leg.buy += position.volume;
    else leg.sell += position.volume;
  }
  for (const leg of legs.values()) {
    const slice = sliceOf(leg.login);
    const locked = Math.min(leg.buy, leg.sell);
    for (const cell of state.cellsOf(server, leg.symbol, slice).all)
      sideOf(cell, slice.coverage).lockedVolume += locked;
  }

  for (const order of cache.orders) {
    const pending = pendingVolumeOf(order);
    if (pending === 0) continue;
    const slice = sliceOf(order.login);
    for (const cell of state.cellsOf(server, order.symbol, slice).all)
      addOrder(sideOf(cell, slice.coverage), pending, 1);
  }
}
