/**
 * The core assembled from its parts: sources feed the ingest path, the book revalues once per
 * frame, and stream deltas go to whoever listens (the IPC hub or the WebSocket host).
 * It knows nothing of Electron or of how windows are reached.
 */
import type { Handlers, StreamName, StreamPayload } from '../../shared/contract';
import type { Tick } from '../../shared/domain';
import type { SyncEvent } from '../../shared/events';
import type { Actor } from '../../shared/operators';
import type { RoutingPair } from '../../shared/routing';
import { ActionDesk } from '../actions/action-desk';
import { DeskLimits } from '../actions/limits';
import type { ServerGateway } from '../actions/server-gateway';
import { Sessions } from '../actions/sessions';
import type { MirrorCache } from '../cache';
import { DeskBook } from '../engines/book/book';
import type { ClientRef } from '../engines/book/rows';
import type { Refusal } from '../ipc/router';
import { EMPTY_DIRECTORY, type ServerDirectory } from '../servers/directory';
import type { Source } from '../sources/source';
import { createHandlers, type HandlerDeps } from './handlers';
import { Ingest } from './ingest';
import { RiskDesk } from './risk';
import { RoutingDesk } from './routing';
import { serversHandlers } from './servers-desk';
import { StatusBoard } from './status';
import type { DeskStores } from './stores';

export type StreamListener = <K extends StreamName>(
  stream: K,
  payload: StreamPayload<K>,
  windowId: string | null,
) => void;

export interface Core {
  readonly handlers: Handlers;
  /** Stream deltas; windowId null = for every window, else only for that window. */
  onStream(listener: StreamListener): () => void;
  windowClosed(windowId: string): void;
  operatorOf(windowId: string): Actor | undefined;
  refused(refusal: Refusal): void;
  start(): void;
  stop(): Promise<void>;
}

export interface CoreParts extends DeskStores {
  sources: Source[];
  /** How the desk acts on each server (balance operations, user changes). */
  gateways: ServerGateway[];
  /** Set when the embedded simulator runs: its speed control (0 pauses) and market shock. */
  simulatorSpeed?: (speed: number) => number;
  simulatorShock?: (symbol: string, percent: number) => Tick | undefined;
  /** Which B-book group twins which A-book group, until an admin saves a routing map. */
  routingPairs: RoutingPair[];
  /** Logs out of the servers' sessions once the sources have stopped. */
  closeSessions?: () => Promise<void>;
  /** Where the MT5 servers are configured (the connection dialog); none: the simulator's desk. */
  directory?: ServerDirectory;
}

export interface CoreSettings {
  deskCurrency: string;
  version: string;
  frameMs: number;
  statusEveryMs: number;
  log: (line: string) => void;
}

export interface AssembledCore extends Core {
  readonly book: DeskBook;
  readonly ingest: Ingest;
  readonly status: StatusBoard;
  readonly risk: RiskDesk;
  readonly routing: RoutingDesk;
  readonly sessions: Sessions;
  readonly actions: ActionDesk;
}

export function assembleCore(parts: CoreParts, settings: CoreSettings): AssembledCore {
  // Who owns a login, asked of the CRM once per login (rows are built many times a second).
  const clients = new Map<string, ClientRef | undefined>();
  const clientOf = (server: string, login: number): ClientRef | undefined => {
    const key = `${server}:${login}`;
    if (!clients.has(key)) {
      const client = parts.record.clientByLogin(server, login);
      clients.set(key, client && { clientId: client.clientId, clientName: client.name });
    }
    return clients.get(key);
  };
  // The book reads routing flags through the map the routing desk owns, which needs the book:
  // the lookup is late-bound.
  let routing: RoutingDesk | undefined;
  const bookOf = (server: string, group: string) => routing?.bookOf(server, group) ?? 'B';
  const book = new DeskBook(clientOf, undefined, bookOf);
  const status = new StatusBoard();
  const ingest = new Ingest(parts.mirror, book, status);
  const sessions = new Sessions({ operators: parts.operators, audit: parts.audit, log: settings.log });
  const limits = new DeskLimits({ record: parts.record, audit: parts.audit, log: settings.log });
  const risk = new RiskDesk({
    book,
    record: parts.record,
    alertsStore: parts.alertsStore,
    status,
    deskCurrency: settings.deskCurrency,
    bookOf,
    audit: parts.audit,
  });
  const actions = new ActionDesk({
    store: parts.actions,
    audit: parts.audit,
    book,
    mirror: parts.mirror,
    gateways: parts.gateways,
    limits: () => limits.get(),
    deskCurrency: settings.deskCurrency,
    log: settings.log,
  });
  routing = new RoutingDesk({
    book,
    record: parts.record,
    mirror: parts.mirror,
    audit: parts.audit,
    actions,
    defaultPairs: parts.routingPairs,
    log: settings.log,
  });
  const routingDesk = routing;
  ingest.onApplied((server, result) => {
    risk.applied(server, result.applied);
    actions.applied(server, result.applied);
    routingDesk.applied(server, result.applied);
  });
  const viewports: HandlerDeps['viewports'] = new Map();
  const listeners = new Set<StreamListener>();
  const servers = () => parts.sources.map((s) => s.server);
  const handlers = createHandlers({
    book,
    mirror: parts.mirror,
    record: parts.record,
    status,
    servers,
    deskCurrency: settings.deskCurrency,
    version: settings.version,
    viewports,
    risk,
    routing: routingDesk,
    sessions,
    limits,
    audit: parts.audit,
    actions,
    simulatorSpeed: parts.simulatorSpeed,
    simulatorShock: parts.simulatorShock,
    serverHandlers: serversHandlers({
      directory: parts.directory ?? EMPTY_DIRECTORY,
      active: parts.sources.filter((s) => s.kind === 'mt5-webapi').map((s) => s.server),
      simulator: parts.sources.some((s) => s.kind === 'simulator'),
      audit: parts.audit,
      log: settings.log,
    }),
  });

  const emit: StreamListener = (stream, payload, windowId) => {
    for (const listener of listeners) listener(stream, payload, windowId);
  };

  let frameTimer: NodeJS.Timeout | undefined;
  let lastStatusAt = 0;
  const frame = () => {
    book.revalue();
    const deltas = book.takeDeltas(viewports);
    if (deltas.positions.upserts.length > 0 || deltas.positions.removes.length > 0)
      emit('positions', deltas.positions, null);
    if (deltas.accounts.upserts.length > 0 || deltas.accounts.removes.length > 0)
      emit('accounts', deltas.accounts, null);
    for (const [windowId, rows] of deltas.viewports) {
      if (rows.positions.length > 0) emit('positions', { upserts: rows.positions, removes: [] }, windowId);
      if (rows.accounts.length > 0) emit('accounts', { upserts: rows.accounts, removes: [] }, windowId);
    }
    const riskFrame = risk.frame();
    if (riskFrame.exposure) emit('exposure', riskFrame.exposure, null);
    if (riskFrame.alerts.upserts.length > 0) emit('alerts', riskFrame.alerts, null);
    const changedActions = actions.takeChanges();
    if (changedActions.length > 0) emit('actions', { upserts: changedActions, removes: [] }, null);
    routingDesk.actionsChanged(changedActions);
    const toxic = routingDesk.frame();
    if (toxic.upserts.length > 0) emit('toxic', toxic, null);
    const now = Date.now();
    if (now - lastStatusAt >= settings.statusEveryMs) {
      lastStatusAt = now;
      emit('status', status.list(), null);
    }
  };

  return {
    handlers,
    book,
    ingest,
    status,
    risk,
    routing: routingDesk,
    sessions,
    actions,
    onStream(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    windowClosed(windowId) {
      viewports.delete(windowId);
      sessions.windowClosed(windowId);
    },
    operatorOf: (windowId) => sessions.operatorOf(windowId),
    refused(refusal) {
      parts.audit.append({
        operator: refusal.operator?.name ?? '(signed out)',
        action: 'request.refused',
        server: serverOf(refusal.input),
        login: loginOf(refusal.input),
        subject: refusal.channel,
        before: null,
        after: refusal.input ?? null,
        result: 'refused',
        message: refusal.message,
      });
    },
    start() {
      for (const source of parts.sources) {
        const snapshot = snapshotOf(parts.mirror, source.server, book);
        book.apply(snapshot);
        risk.exposure.apply(snapshot);
        status.add(source.server);
        const replayed = routingDesk.replay(source.server);
        settings.log(`toxic flow: ${replayed} cached deals of ${source.server} replayed`);
      }
      settings.log(`book loaded: ${book.openPositions} open positions`);
      for (const source of parts.sources) {
        source.start(parts.mirror.cursor(source.server), (events, cursor) =>
          ingest.batch(source.server, events, cursor),
        );
      }
      frameTimer = setInterval(frame, settings.frameMs);
      // Actions left sending or pending by the last run: look for their events, then resume.
      actions
        .restore()
        .catch((error) => settings.log(`actions: restore failed: ${error instanceof Error ? error.stack : error}`));
    },
    async stop() {
      if (frameTimer) clearInterval(frameTimer);
      actions.dispose();
      await Promise.all(parts.sources.map((s) => s.stop()));
      await parts.closeSessions?.();
      parts.mirror.close();
      parts.actions.close();
      parts.simulatorOperations.close();
      parts.alertsStore.close();
      parts.audit.close();
      parts.operators.close();
      parts.record.close();
    },
  };
}

/** The cached state of one server as events, so a restart shows the book before the first batch. */
function snapshotOf(mirror: MirrorCache, server: string, book: DeskBook): SyncEvent[] {
  const head = { server, seq: 0, version: 0 };
  const events: SyncEvent[] = [];
  for (const symbol of mirror.symbols(server)) events.push({ type: 'symbol.update', ...head, symbol });
  for (const group of mirror.groups(server)) events.push({ type: 'group.update', ...head, group });
  for (const tick of mirror.latestTicks(server)) events.push({ type: 'tick', server, seq: 0, tick });
  for (const { server: _, ...account } of mirror.accounts({ server }))
    events.push({ type: 'account.add', ...head, account });
  for (const { server: _, commission, ...position } of mirror.openPositions({ server })) {
    book.seedCommission(server, position.ticket, commission);
    events.push({ type: 'position.add', ...head, position });
  }
  return events;
}

/** The account a refused request was about, when its input names one (for filtering the trail). */
function serverOf(input: unknown): string | null {
  const server = (input as { server?: unknown } | null)?.server;
  return typeof server === 'string' ? server.slice(0, 64) : null;
}
function loginOf(input: unknown): number | null {
  const login = (input as { login?: unknown } | null)?.login;
  return typeof login === 'number' && Number.isSafeInteger(login) ? login : null;
}
