/**
 * The core assembled from its parts: sources feed the ingest path, the book revalues once per
 * frame, and stream deltas go to whoever listens (the IPC hub or the WebSocket host).
 * It knows nothing of Electron or of how windows are reached.
 */
import type { Handlers, StreamName, StreamPayload } from '../../shared/contract';
import type { Tick } from '../../shared/domain';
import type { SyncEvent } from '../../shared/events';
import type { AlertsStore, MirrorCache, RecordStore } from '../cache';
import { DeskBook } from '../engines/book/book';
import type { ClientRef } from '../engines/book/rows';
import type { Source } from '../sources/source';
import { createHandlers } from './handlers';
import { Ingest } from './ingest';
import { RiskDesk } from './risk';
import { StatusBoard } from './status';

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
  start(): void;
  stop(): Promise<void>;
}

export interface CoreParts {
  mirror: MirrorCache;
  record: RecordStore;
  alertsStore: AlertsStore;
  sources: Source[];
  /** Set when the embedded simulator runs: its speed control (0 pauses) and market shock. */
  simulatorSpeed?: (speed: number) => number;
  simulatorShock?: (symbol: string, percent: number) => Tick | undefined;
}

export interface CoreSettings {
  deskCurrency: string;
  version: string;
  frameMs: number;
  statusEveryMs: number;
  log: (line: string) => void;
  /** Who acts on alerts until operators sign in (issue 5). */
  operator: () => string;
}

export interface AssembledCore extends Core {
  readonly book: DeskBook;
  readonly ingest: Ingest;
  readonly status: StatusBoard;
  readonly risk: RiskDesk;
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
  const book = new DeskBook(clientOf);
  const status = new StatusBoard();
  const ingest = new Ingest(parts.mirror, book, status);
  const risk = new RiskDesk({
    book,
    record: parts.record,
    alertsStore: parts.alertsStore,
    status,
    deskCurrency: settings.deskCurrency,
    operator: settings.operator,
  });
  ingest.onApplied((server, result) => risk.applied(server, result.applied));
  const viewports = new Map<string, Set<string>>();
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
    simulatorSpeed: parts.simulatorSpeed,
    simulatorShock: parts.simulatorShock,
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
    for (const [windowId, rows] of deltas.viewports) emit('positions', { upserts: rows, removes: [] }, windowId);
    const riskFrame = risk.frame();
    if (riskFrame.exposure) emit('exposure', riskFrame.exposure, null);
    if (riskFrame.alerts.upserts.length > 0) emit('alerts', riskFrame.alerts, null);
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
    onStream(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    windowClosed(windowId) {
      viewports.delete(windowId);
    },
    start() {
      for (const source of parts.sources) {
        const snapshot = snapshotOf(parts.mirror, source.server, book);
        book.apply(snapshot);
        risk.exposure.apply(snapshot);
        status.add(source.server);
      }
      settings.log(`book loaded: ${book.openPositions} open positions`);
      for (const source of parts.sources) {
        source.start(parts.mirror.cursor(source.server), (events, cursor) =>
          ingest.batch(source.server, events, cursor),
        );
      }
      frameTimer = setInterval(frame, settings.frameMs);
    },
    async stop() {
      if (frameTimer) clearInterval(frameTimer);
      await Promise.all(parts.sources.map((s) => s.stop()));
      parts.mirror.close();
      parts.alertsStore.close();
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
