/**
 * The `mt5-webapi` source end to end: the desk's core (real SQLite cache, actions path) reads the
 * simulator's Web API server over HTTPS on loopback and must end equal to the server's ground
 * truth after losing its connection twice mid-stream (the server drops every socket; then the
 * access point restarts) and after the desk itself restarts from its stored cursor while trading
 * goes on. A deposit sent through the WebApiGateway is booked exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MirrorCache } from '../../main/cache';
import { type AssembledCore, assembleCore } from '../../main/core/desk-core';
import { routingPairsOf } from '../../main/core/simulator-parts';
import { type DeskStores, openDeskStores } from '../../main/core/stores';
import { createHub } from '../../main/ipc/hub';
import { IN_MEMORY_URL, type InMemoryDesk, openInMemoryWindow } from '../../main/ipc/in-memory-desk';
import { WebApiConnection } from '../../main/sources/mt5-webapi/connection/connection';
import { WebApiGateway } from '../../main/sources/mt5-webapi/gateway';
import { WebApiSource } from '../../main/sources/mt5-webapi/source';
import { startWebApiServer, type WebApiServer } from '../../main/sources/simulator/webapi';
import type { Account, Deal, Order, Position } from '../../shared/domain';
import { DealAction } from '../../shared/mt5';
import { answer, until } from './kit';

const SERVER = 'sim-webapi';
const MANAGER = { login: 1000, password: 'Manager1!' };
const ADA = { name: 'Ada Admin', password: 'admin password 1' };
const DAN = { name: 'Dan Dealer', password: 'dealer password 1' };
const dir = mkdtempSync(path.join(tmpdir(), 'desk-webapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const byTicket = <T extends { ticket: number }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => a.ticket - b.ticket);
const byLogin = <T extends { login: number }>(rows: readonly T[]): T[] => [...rows].sort((a, b) => a.login - b.login);
const ALL_TIME = { server: SERVER, fromMsc: 0, toMsc: Number.MAX_SAFE_INTEGER, limit: 1e7 };

/** The cache's view of the server, in the truth's shape. */
function cached(mirror: MirrorCache) {
  return {
    deals: byTicket(mirror.deals(ALL_TIME).map(({ server: _, ...d }) => d as Deal)),
    positions: byTicket(
      mirror.openPositions({ server: SERVER }).map(({ server: _, commission: __, ...p }) => p as Position),
    ),
    orders: byTicket(mirror.openOrders({ server: SERVER }).map(({ server: _, ...o }) => o as Order)),
    accounts: byLogin(mirror.accounts({ server: SERVER }).map(({ server: _, ...a }) => a as Account)),
  };
}

/**
 * The truth as the Web API can show it: MT5 keeps Registration in whole seconds and prints prices
 * at the symbol's Digits (a netting position's volume-weighted open price too, and the closing
 * deal's PricePosition).
 */
function truthSeenThroughWebApi(server: WebApiServer) {
  const truth = server.simulator.truth();
  const digits = new Map(server.simulator.catalog.symbols.map((s) => [s.spec.symbol, s.spec.digits]));
  const atDigits = (symbol: string) => (price: number) => Number(price.toFixed(digits.get(symbol) ?? 5));
  const position = (p: Position): Position => {
    const at = atDigits(p.symbol);
    return {
      ...p,
      priceOpen: at(p.priceOpen),
      priceCurrent: at(p.priceCurrent),
      priceSL: at(p.priceSL),
      priceTP: at(p.priceTP),
    };
  };
  // Balance deals have no symbol and print their zero prices at no digits.
  const deal = (d: Deal): Deal => {
    const at = d.symbol === '' ? (price: number) => Number(price.toFixed(0)) : atDigits(d.symbol);
    return { ...d, price: at(d.price), pricePosition: at(d.pricePosition) };
  };
  return {
    deals: byTicket(truth.deals.map(deal)),
    positions: byTicket([...truth.positions.values()].map(position)),
    orders: byTicket([...truth.orders.values()]),
    accounts: byLogin(
      [...truth.accounts.values()].map((a) => ({ ...a, registrationMsc: Math.floor(a.registrationMsc / 1000) * 1000 })),
    ),
  };
}

interface Desk {
  core: AssembledCore;
  stores: DeskStores;
  connection: WebApiConnection;
  statuses: string[];
  window(): InMemoryDesk;
  stop(): Promise<void>;
}

/** The desk as the composition root would wire it: one session per server, shared by source and gateway. */
function startDesk(server: WebApiServer): Desk {
  const stores = openDeskStores(dir);
  const connection = new WebApiConnection({
    url: server.url,
    login: MANAGER.login,
    password: MANAGER.password,
    ca: server.certPem,
    agentName: 'Dealer Desk integration',
    requestTimeoutMs: 5_000,
    maxRequestsPerSecond: 200,
  });
  const source = new WebApiSource({
    server: SERVER,
    connection,
    intervals: { ticks: 100, book: 200, deals: 200, users: 400, reference: 5_000 },
    reconnectBackoff: { baseMs: 50, maxMs: 300 },
    known: () => ({
      accounts: stores.mirror.accounts({ server: SERVER }).map((a) => a.login),
      positions: stores.mirror.openPositions({ server: SERVER }),
      orders: stores.mirror.openOrders({ server: SERVER }),
    }),
  });
  const gateway = new WebApiGateway({ server: SERVER, connection, serverTimeMsc: () => source.serverTimeMsc });
  const core = assembleCore(
    {
      ...stores,
      sources: [source],
      gateways: [gateway],
      routingPairs: routingPairsOf(SERVER, server.simulator.catalog.groups),
    },
    { deskCurrency: 'USD', version: 'test', frameMs: 20, statusEveryMs: 100, log: () => {} },
  );
  const statuses: string[] = [];
  core.ingest.onApplied((_server, result) => {
    for (const e of result.applied) if (e.type === 'source.status') statuses.push(e.state);
  });
  core.start();
  const hub = createHub(core, { isTrustedSender: (s) => s.url === IN_MEMORY_URL, checkOutputs: true, frameMs: 20 });
  return {
    core,
    stores,
    connection,
    statuses,
    window: () => openInMemoryWindow(hub),
    async stop() {
      hub.close();
      await core.stop();
      await connection.close();
    },
  };
}

describe('mt5-webapi source against the simulator Web API server', () => {
  let server: WebApiServer | undefined;
  let desk: Desk | undefined;
  afterAll(async () => {
    await desk?.stop();
    await server?.stop();
  });

  it('ends equal to the ground truth after two disconnects and a desk restart; a deposit lands once', async () => {
    server = await startWebApiServer({
      simulator: { seed: 7, server: SERVER, clients: 60, initialPositions: 100 },
      speed: 20,
      managers: [MANAGER],
    });
    desk = startDesk(server);
    const ada = desk.window();
    answer(await ada['session.setup'](ADA));
    answer(await ada['operators.save']({ ...DAN, role: 'dealer' }));
    answer(await ada['limits.save']({ limits: { dealerMaxAmount: 50_000, fourEyesAbove: 10_000 } }));
    const first = desk;
    await until('live', () => first.statuses.includes('live'));
    const dealsNow = () => first.stores.mirror.deals(ALL_TIME).length;

    // Disconnect 1: the server drops every socket mid-stream, and the session with them.
    const beforeDrop = await until('deals streaming', () => (dealsNow() > 0 ? dealsNow() : undefined));
    const sessions = first.connection.sessions;
    server.dropConnections();
    // Deals already on their way can land before the drop is noticed: wait for the new session first.
    await until('a new session after the drop', () => first.connection.sessions > sessions);
    const afterReconnect = dealsNow();
    await until('deals after the drop', () => dealsNow() > Math.max(beforeDrop, afterReconnect) + 5);
    expect(first.connection.sessions).toBe(sessions + 1);
    // Disconnect 2: the access point restarts; trading goes on meanwhile and must be gap-filled.
    const beforeRestart = dealsNow();
    await server.restart();
    // As after the drop: deals in flight can land before the restart is noticed.
    await until('a new session after the restart', () => first.connection.sessions >= sessions + 2);
    const afterRestart = dealsNow();
    await until('deals after the restart', () => dealsNow() > Math.max(beforeRestart, afterRestart) + 5);
    expect(first.statuses.slice(0, 3)).toEqual(['connecting', 'syncing', 'live']);

    // The desk goes down while trading goes on, then resumes from its stored cursor.
    await first.stop();
    desk = undefined;
    const cursorAtStop = openDeskStores(dir);
    const stored = cursorAtStop.mirror.cursor(SERVER);
    const dealsAtStop = server.simulator.truth().deals.length;
    for (const store of Object.values(cursorAtStop)) store.close();
    await until(
      'trading while the desk is off',
      () => server && server.simulator.truth().deals.length > dealsAtStop + 20,
    );
    const second = startDesk(server);
    desk = second;
    await until('live again', () => second.statuses.includes('live'));
    expect(second.stores.mirror.cursor(SERVER).seq).toBeGreaterThan(stored.seq);

    // Freeze the market (the test server has no pause) so balances move only by the desk's deposit.
    const simulator = server.simulator;
    simulator.advanceTo = () => simulator.flush();
    const dan = second.window();
    answer(await dan['session.signIn'](DAN));
    const target = answer(await dan['accounts.list']({ server: SERVER })).find(
      (a) => a.currency === 'USD' && !a.coverage,
    );
    const login = target?.login ?? 0;
    expect(login).toBeGreaterThan(0);
    const before = simulator.truth().accounts.get(login)?.balance ?? 0;
    const sent = answer(
      await dan['actions.balance']({ server: SERVER, login, kind: 'deposit', amount: '1,500.25', note: 'wire' }),
    );
    const done = await until('the deposit to settle', async () => {
      const row = answer(await dan['actions.list']({})).find((a) => a.id === sent.id);
      return row && !['sending', 'pending', 'awaiting-approval'].includes(row.state) ? row : undefined;
    });
    expect(done).toMatchObject({ state: 'confirmed', amount: 150_025 });
    const booked = simulator
      .truth()
      .deals.filter((d) => d.action === DealAction.BALANCE && d.comment.split(' ')[0] === sent.id);
    expect(booked).toHaveLength(1);
    expect(simulator.truth().accounts.get(login)?.balance).toBe(before + 150_025);

    // The desk catches up with the frozen server; then everything must match.
    const expected = truthSeenThroughWebApi(server);
    const mirror = second.stores.mirror;
    await until(
      'the cache to converge',
      () => JSON.stringify(cached(mirror)) === JSON.stringify(expected),
      15_000,
    ).catch(() => {});
    const cache = cached(mirror);
    expect(cache.deals.length).toBe(expected.deals.length);
    expect(cache.deals).toEqual(expected.deals);
    expect(cache.positions).toEqual(expected.positions);
    expect(cache.orders).toEqual(expected.orders);
    expect(cache.accounts).toEqual(expected.accounts);
    expect(expected.deals.length).toBeGreaterThan(100);
    expect(expected.positions.length).toBeGreaterThan(20);
    expect(mirror.deadLetterCount()).toBe(0);
    expect(cache.accounts.find((a) => a.login === login)?.balance).toBe(before + 150_025);
  }, 120_000);
});
