/**
 * A small stand-in for main/core: canned handlers, a stream the test drives by hand, and a record
 * of closed windows. Used by the ipc and web transport tests so they run without the real core.
 */

import { DEFAULT_ALERT_SETTINGS } from '../../../shared/alert-settings';
import { DeskRequestError, type Handlers, type StreamName, type StreamPayload } from '../../../shared/contract';
import { type Actor, defaultLimits, roleGrants } from '../../../shared/operators';
import type { PositionRow } from '../../../shared/rows';
import { DEFAULT_TOXIC_SETTINGS } from '../../../shared/toxic';
import type { DeskCore, StreamListener } from '../desk-core';

export interface FakeCore extends DeskCore {
  handlers: Handlers;
  emit<K extends StreamName>(stream: K, payload: StreamPayload<K>, windowId?: string | null): void;
  readonly closedWindows: string[];
  readonly listenerCount: number;
  /** Who is signed in on every window (an admin by default); undefined signs everyone out. */
  signedIn: Actor | undefined;
}

const notHere = (what: string) => () => {
  throw new DeskRequestError('not_supported', `The fake core does not ${what}.`);
};

export function positionRow(ticket: number, patch: Partial<PositionRow> = {}): PositionRow {
  return {
    id: `demo:${ticket}`,
    server: 'demo',
    ticket,
    login: 1001,
    clientId: null,
    clientName: 'A. Client',
    group: 'real\\retail',
    currency: 'USD',
    symbol: 'EURUSD',
    digits: 5,
    side: 'buy',
    lots: 1,
    priceOpen: 1.1,
    priceCurrent: 1.1001,
    profit: 1000,
    swap: 0,
    commission: -700,
    openTimeMsc: 1_700_000_000_000,
    coverage: false,
    book: 'B',
    ...patch,
  };
}

export function createFakeCore(overrides: Partial<Handlers> = {}): FakeCore {
  const listeners = new Set<StreamListener>();
  const closedWindows: string[] = [];
  const handlers: Handlers = {
    'desk.ready': () => ({ deskCurrency: 'USD', servers: ['demo'], version: 'test' }),
    'positions.list': (filter) =>
      [positionRow(1), positionRow(2)].filter((r) => !filter.login || r.login === filter.login),
    'accounts.list': () => [],
    'deals.list': () => [],
    'status.list': () => [],
    'positions.viewport': (input) => ({ watching: input.ids.length }),
    'accounts.viewport': (input) => ({ watching: input.ids.length }),
    'sim.control': (input) => ({ speed: input.speed }),
    'sim.shock': ({ symbol }) => ({ symbol, bid: 1, ask: 1.0001 }),
    'exposure.snapshot': () => ({ deskCurrency: 'USD', symbols: [], assets: [], groups: [], regions: [], books: [] }),
    'exposure.positions': () => [],
    'charts.symbol': () => ({ prices: [], trades: [], exposure: [] }),
    'alerts.list': () => [],
    'alerts.history': () => [],
    'alerts.acknowledge': ({ key }) => {
      throw new DeskRequestError('bad_request', `no alert ${key}`);
    },
    'alerts.snooze': ({ key }) => {
      throw new DeskRequestError('bad_request', `no alert ${key}`);
    },
    'alerts.resolve': ({ key }) => {
      throw new DeskRequestError('bad_request', `no alert ${key}`);
    },
    'alerts.settings': () => DEFAULT_ALERT_SETTINGS,
    'alerts.settings.save': ({ settings }) => settings,
    'layout.get': () => null,
    'layout.save': () => ({ saved: true }),
    'session.state': (_input, ctx) => ({
      operator: ctx.operator,
      setupNeeded: false,
      permissions: ctx.operator ? [...roleGrants[ctx.operator.role]] : [],
    }),
    'session.setup': notHere('set up operators'),
    'session.signIn': notHere('sign anyone in'),
    'session.signOut': () => ({ operator: null, setupNeeded: false, permissions: [] }),
    'operators.list': () => [],
    'operators.save': notHere('store operators'),
    'limits.get': () => defaultLimits,
    'limits.save': ({ limits }) => limits,
    'actions.balance': notHere('send balance operations'),
    'actions.account': notHere('change accounts'),
    'actions.preview': notHere('preview actions'),
    'actions.approve': notHere('approve actions'),
    'actions.reject': notHere('reject actions'),
    'actions.list': () => [],
    'actions.bulk': notHere('run bulk actions'),
    'groups.list': () => [],
    'audit.list': () => [],
    'audit.verify': () => ({ entries: 0, ok: true, firstBroken: null }),
    'audit.export': () => ({ filename: 'audit.csv', csv: '', rows: 0 }),
    'clients.drawer': notHere('know clients'),
    'toxic.list': () => [],
    'toxic.profile': notHere('profile accounts'),
    'toxic.settings': () => DEFAULT_TOXIC_SETTINGS,
    'toxic.settings.save': notHere('store toxic-flow settings'),
    'routing.apply': notHere('route accounts'),
    'routing.map': () => [],
    'routing.map.save': notHere('store a routing map'),
    'servers.list': () => ({
      servers: [],
      protection: 'launch-file',
      editable: false,
      restartNeeded: false,
      simulator: true,
    }),
    'servers.save': notHere('store servers'),
    'servers.remove': notHere('store servers'),
    'servers.test': notHere('connect to servers'),
    ...overrides,
  };
  const fake: FakeCore = {
    handlers,
    signedIn: { name: 'Ada', role: 'admin' },
    operatorOf() {
      return fake.signedIn;
    },
    onStream(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    windowClosed(windowId) {
      closedWindows.push(windowId);
    },
    emit(stream, payload, windowId = null) {
      for (const listener of listeners) listener(stream, payload, windowId);
    },
    closedWindows,
    get listenerCount() {
      return listeners.size;
    },
  };
  return fake;
}
