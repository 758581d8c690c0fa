/**
 * A tiny in-memory desk for developing the renderer without the core (`vite` dev server, open
 * `/?fake`) and for unit tests of the session. It is not the simulator: a few hundred rows and
 * a random walk, just enough to watch cells flash and rows come and go.
 */
import { alertSettingsSchema, DEFAULT_ALERT_SETTINGS } from '../../shared/alert-settings';
import {
  type DeskApi,
  permissionOf,
  type Reply,
  requestNames,
  type StreamName,
  type StreamPayload,
} from '../../shared/contract';
import { mayDo } from '../../shared/operators';
import type { RoutingPair } from '../../shared/routing';
import type { AccountRow, PositionRow, ServerStatus } from '../../shared/rows';
import { DEFAULT_TOXIC_SETTINGS, parseToxicSettings } from '../../shared/toxic';
import { createFakeDealer } from './fake-dealer';
import { createFakeServers } from './fake-servers';

const SERVERS = ['mt5-eu', 'mt5-asia'];
const SYMBOLS = [
  { symbol: 'EURUSD', digits: 5, price: 1.0852, pip: 100_000 },
  { symbol: 'XAUUSD', digits: 2, price: 2345.6, pip: 100 },
  { symbol: 'US500', digits: 1, price: 5123.4, pip: 1 },
];

const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
const notSupported = (what: string): Reply<never> => ({
  ok: false,
  error: { code: 'not_supported', message: `The fake desk cannot ${what}.` },
});
const notFound = (key: string): Reply<never> => ({
  ok: false,
  error: { code: 'bad_request', message: `The fake desk has no alert ${key}.` },
});

export interface FakeDesk extends DeskApi {
  /** Pushes one frame of changes now (tests call it instead of waiting for the timer). */
  tick(): void;
  stop(): void;
}

export interface FakeDeskOptions {
  positions?: number;
  frameMs?: number;
  /**
   * Refuse what the signed-in operator's role does not grant, as the core does (the dev page).
   * Off by default so tests of the session need no sign-in.
   */
  enforceSignIn?: boolean;
}

export function createFakeDesk(options: FakeDeskOptions = {}): FakeDesk {
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const listeners = new Map<StreamName, Set<(payload: never) => void>>();
  const emit = <K extends StreamName>(stream: K, payload: StreamPayload<K>) => {
    for (const l of listeners.get(stream) ?? []) (l as (p: StreamPayload<K>) => void)(payload);
  };

  const accounts = new Map<string, AccountRow>();
  for (let i = 0; i < 40; i++) {
    const server = SERVERS[i % SERVERS.length]!;
    const login = 100_000 + i;
    const balance = Math.round(random() * 5_000_000);
    accounts.set(`${server}:${login}`, {
      id: `${server}:${login}`,
      server,
      login,
      clientId: `c${i}`,
      clientName: `Client ${i}`,
      group: i % 3 === 0 ? 'real\\pro-usd' : 'real\\std-usd',
      currency: 'USD',
      leverage: i % 3 === 0 ? 500 : 100,
      balance,
      credit: 0,
      equity: balance,
      margin: Math.round(balance / 3),
      marginFree: balance - Math.round(balance / 3),
      marginLevel: 300,
      marginCallLevel: 100,
      stopOutLevel: 50,
      marginState: 'ok',
      positions: 0,
      tradeDisabled: i % 17 === 0,
      coverage: false,
      book: 'B',
    });
  }
  const accountList = [...accounts.values()];

  const positions = new Map<string, PositionRow>();
  let ticket = 5_000_000;
  const openPosition = (): PositionRow => {
    const account = accountList[Math.floor(random() * accountList.length)]!;
    const s = SYMBOLS[Math.floor(random() * SYMBOLS.length)]!;
    ticket++;
    const row: PositionRow = {
      id: `${account.server}:${ticket}`,
      server: account.server,
      ticket,
      login: account.login,
      clientId: account.clientId,
      clientName: account.clientName,
      group: account.group,
      currency: account.currency,
      symbol: s.symbol,
      digits: s.digits,
      side: random() < 0.5 ? 'buy' : 'sell',
      lots: Math.round(random() * 500) / 100 + 0.01,
      priceOpen: s.price,
      priceCurrent: s.price,
      profit: 0,
      swap: -Math.round(random() * 500),
      commission: -Math.round(random() * 700),
      openTimeMsc: Date.UTC(2024, 4, 1) + Math.floor(random() * 86_400_000),
      coverage: false,
      book: 'B',
    };
    positions.set(row.id, row);
    return row;
  };
  for (let i = 0; i < (options.positions ?? 300); i++) openPosition();

  let speed = 1;
  const frame = () => {
    if (speed === 0) return;
    const upserts: PositionRow[] = [];
    const removes: string[] = [];
    // Close before revaluing, so a frame never carries one id in both lists.
    if (random() < 0.3) {
      const first = positions.keys().next().value;
      if (first) {
        positions.delete(first);
        removes.push(first);
      }
    }
    for (const p of positions.values()) {
      if (random() > 0.2) continue;
      const s = SYMBOLS.find((x) => x.symbol === p.symbol)!;
      const price = Number((p.priceCurrent * (1 + (random() - 0.5) * 0.0004)).toFixed(s.digits));
      const move = (price - p.priceOpen) * (p.side === 'buy' ? 1 : -1);
      const next = { ...p, priceCurrent: price, profit: Math.round(move * p.lots * s.pip * 100) };
      positions.set(p.id, next);
      upserts.push(next);
    }
    if (random() < 0.3) upserts.push(openPosition());
    emit('positions', { upserts, removes });
    const status: ServerStatus[] = SERVERS.map((server) => ({
      server,
      state: 'live',
      dataAgeMs: Math.round(random() * 200),
      lagMs: 5,
      eventsPerSecond: Math.round(random() * 400),
      message: '',
    }));
    emit('status', status);
  };
  const timer = options.frameMs === 0 ? null : setInterval(frame, options.frameMs ?? 250);
  const layouts = new Map<string, unknown>();
  let toxicSettings = DEFAULT_TOXIC_SETTINGS;
  let routingPairs: RoutingPair[] = [];
  const dealer = createFakeDealer({ accounts, emit });
  const { operator, ...dealerApi } = dealer;

  const fake: FakeDesk = {
    ...dealerApi,
    ...createFakeServers(),
    'desk.ready': async () => ok({ deskCurrency: 'USD', servers: SERVERS, version: 'fake' }),
    'positions.list': async () => ok([...positions.values()]),
    'accounts.list': async () => ok([...accounts.values()]),
    'deals.list': async () => ok([]),
    'status.list': async () => ok([]),
    'positions.viewport': async ({ ids }) => ok({ watching: ids.length }),
    'accounts.viewport': async ({ ids }) => ok({ watching: ids.length }),
    'sim.control': async (input) => {
      speed = input.speed;
      return ok({ speed });
    },
    'sim.shock': async ({ symbol }) => ok({ symbol, bid: 1, ask: 1.0001 }),
    'exposure.snapshot': async () =>
      ok({ deskCurrency: 'USD', symbols: [], assets: [], groups: [], regions: [], books: [] }),
    'exposure.positions': async () => ok([]),
    'charts.symbol': async () => ok({ prices: [], trades: [], exposure: [] }),
    'alerts.list': async () => ok([]),
    'alerts.history': async () => ok([]),
    'alerts.acknowledge': async ({ key }) => notFound(key),
    'alerts.snooze': async ({ key }) => notFound(key),
    'alerts.resolve': async ({ key }) => notFound(key),
    'alerts.settings': async () => ok(DEFAULT_ALERT_SETTINGS),
    'alerts.settings.save': async ({ settings }) => ok(alertSettingsSchema.parse(settings)),
    // Toxic flow needs trades and a feed the fake does not model: an empty panel, settings kept.
    'toxic.list': async () => ok([]),
    'toxic.profile': async ({ login }) => notSupported(`profile ${login}`),
    'toxic.settings': async () => ok(toxicSettings),
    'toxic.settings.save': async ({ settings }) => {
      const parsed = parseToxicSettings(settings);
      if (!parsed.ok) return { ok: false, error: { code: 'bad_request', message: parsed.message } };
      toxicSettings = parsed.value;
      return ok(toxicSettings);
    },
    'routing.apply': async ({ login }) => notSupported(`route ${login}`),
    'routing.map': async () => ok(routingPairs),
    'routing.map.save': async ({ pairs }) => {
      routingPairs = pairs;
      return ok(pairs);
    },
    'layout.get': async ({ key }) => ok(layouts.get(key) ?? null),
    'layout.save': async ({ key, state }) => {
      layouts.set(key, state);
      return ok({ saved: true as const });
    },
    subscribe(stream, listener) {
      let set = listeners.get(stream);
      if (!set) {
        set = new Set();
        listeners.set(stream, set);
      }
      const untyped = listener as (payload: never) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
    tick: frame,
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
  if (!options.enforceSignIn) return fake;
  // Every request answers as the core's router would for the operator signed in on the fake.
  for (const name of requestNames) {
    const call = fake[name] as (input: unknown) => Promise<Reply<unknown>>;
    const permission = permissionOf(name);
    (fake as unknown as Record<string, unknown>)[name] = async (input: unknown) => {
      const who = operator();
      if (permission !== 'public' && !who) return refused('signed_out', 'Sign in first.');
      if (!mayDo(who?.role, permission)) return refused('forbidden', `Your role may not ${permission}.`);
      return call(input);
    };
  }
  return fake;
}

const refused = (code: 'signed_out' | 'forbidden', message: string): Reply<never> => ({
  ok: false,
  error: { code, message },
});
