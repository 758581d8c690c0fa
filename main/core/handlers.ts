/** The contract's requests, answered from the core's services. */
import { DeskRequestError, type Handlers } from '../../shared/contract';
import type { Tick } from '../../shared/domain';
import { volumeToLots } from '../../shared/units';
import type { ActionDesk } from '../actions/action-desk';
import type { DeskLimits } from '../actions/limits';
import type { Sessions } from '../actions/sessions';
import { auditCsvFilename } from '../audit/csv';
import type { AuditTrail } from '../audit/trail';
import type { MirrorCache, RecordStore } from '../cache';
import type { DeskBook } from '../engines/book/book';
import { actorOf } from './actor';
import { clientDrawer } from './client-drawer';
import type { RiskDesk } from './risk';
import type { RoutingDesk } from './routing';
import type { serversHandlers } from './servers-desk';
import type { StatusBoard } from './status';

export interface HandlerDeps {
  book: DeskBook;
  mirror: MirrorCache;
  record: RecordStore;
  status: StatusBoard;
  servers: () => string[];
  deskCurrency: string;
  version: string;
  /** Each window's rows in view, per grid (see DeskBook.takeDeltas). */
  viewports: Map<string, { positions: Set<string>; accounts: Set<string> }>;
  risk: RiskDesk;
  routing: RoutingDesk;
  sessions: Sessions;
  limits: DeskLimits;
  audit: AuditTrail;
  actions: ActionDesk;
  /** The embedded simulator's speed control; undefined when no simulator runs. */
  simulatorSpeed?: (speed: number) => number;
  /** The connection dialog's requests (servers-desk.ts). */
  serverHandlers: ReturnType<typeof serversHandlers>;
  /** The embedded simulator's market shock; undefined when no simulator runs. */
  simulatorShock?: (symbol: string, percent: number) => Tick | undefined;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  /** A window's rows in view for one grid: the core sends them every frame they move (DeskBook.takeDeltas). */
  const watch = (windowId: string, grid: 'positions' | 'accounts', ids: string[]) => {
    const viewport = deps.viewports.get(windowId) ?? { positions: new Set<string>(), accounts: new Set<string>() };
    viewport[grid] = new Set(ids);
    deps.viewports.set(windowId, viewport);
    return { watching: ids.length };
  };
  return {
    'desk.ready': () => ({ deskCurrency: deps.deskCurrency, servers: deps.servers(), version: deps.version }),
    'positions.list': (filter) => deps.book.positionRows(filter),
    'accounts.list': (filter) => deps.book.accountRows(filter),
    'deals.list': (query) =>
      deps.mirror.deals(query).map((deal) => ({
        id: `${deal.server}:${deal.ticket}`,
        server: deal.server,
        ticket: deal.ticket,
        login: deal.login,
        timeMsc: deal.timeMsc,
        symbol: deal.symbol,
        action: deal.action,
        entry: deal.entry,
        lots: volumeToLots(deal.volume),
        price: deal.price,
        profit: deal.profit,
        commission: deal.commission,
        swap: deal.swap,
        positionId: deal.positionId,
        comment: deal.comment,
      })),
    'status.list': () => deps.status.list(),
    'positions.viewport': ({ ids }, ctx) => watch(ctx.windowId, 'positions', ids),
    'accounts.viewport': ({ ids }, ctx) => watch(ctx.windowId, 'accounts', ids),
    'sim.control': ({ speed }) => {
      if (!deps.simulatorSpeed) throw new DeskRequestError('not_supported', 'No embedded simulator is running.');
      return { speed: deps.simulatorSpeed(speed) };
    },
    ...deps.risk.handlers(),
    ...deps.routing.handlers(),
    ...deps.serverHandlers,
    'sim.shock': ({ symbol, percent }) => {
      if (!deps.simulatorShock) throw new DeskRequestError('not_supported', 'No embedded simulator is running.');
      const tick = deps.simulatorShock(symbol, percent);
      if (!tick) throw new DeskRequestError('bad_request', `The simulator has no symbol ${symbol}.`);
      return { symbol: tick.symbol, bid: tick.bid, ask: tick.ask };
    },
    'session.state': (_, ctx) => deps.sessions.state(ctx.windowId),
    'session.setup': ({ name, password }, ctx) => deps.sessions.setup(ctx.windowId, name, password),
    'session.signIn': ({ name, password }, ctx) => deps.sessions.signIn(ctx.windowId, name, password),
    'session.signOut': (_, ctx) => deps.sessions.signOut(ctx.windowId),
    'operators.list': () => deps.sessions.list(),
    'operators.save': (input, ctx) => deps.sessions.save(actorOf(ctx), input),
    'limits.get': () => deps.limits.get(),
    'limits.save': ({ limits }, ctx) => deps.limits.save(actorOf(ctx), limits),
    'audit.list': ({ beforeId, limit, ...filter }) => deps.audit.list(filter, { beforeId, limit }),
    'audit.verify': () => deps.audit.verify(),
    'audit.export': (filter) => ({ filename: auditCsvFilename(Date.now()), ...deps.audit.exportCsv(filter) }),
    'actions.balance': (input, ctx) => deps.actions.balance(input, actorOf(ctx)),
    'actions.account': (input, ctx) => deps.actions.account(input, actorOf(ctx)),
    'actions.preview': (input) => deps.actions.preview(input),
    'actions.approve': ({ id }, ctx) => deps.actions.approve(id, actorOf(ctx)),
    'actions.reject': ({ id, reason }, ctx) => deps.actions.reject(id, reason, actorOf(ctx)),
    'actions.list': (filter) => deps.actions.list(filter),
    'actions.bulk': (input, ctx) => deps.actions.bulk(input, actorOf(ctx)),
    'groups.list': ({ server }) => deps.actions.groups(server),
    'clients.drawer': ({ server, login }) =>
      clientDrawer(
        {
          record: deps.record,
          accountRow: (s, l) => deps.book.accountRow(s, l),
          deals: (s, l, limit) =>
            deps.mirror.deals({ server: s, login: l, fromMsc: 0, toMsc: Number.MAX_SAFE_INTEGER, limit }),
          actions: (s, l) => deps.actions.list({ server: s, login: l }),
          alerts: () => deps.risk.alerts.alerts(),
          routing: (s, l) => deps.audit.list({ action: 'routing.', server: s, login: l }, { limit: 100 }),
        },
        server,
        login,
      ),
    'layout.get': ({ key }) => deps.record.setting(`layout.${key}`) ?? null,
    'layout.save': ({ key, state }) => {
      const json = JSON.stringify(state ?? null);
      if (json.length > 64_000) throw new DeskRequestError('bad_request', 'A layout is at most 64 KB.');
      deps.record.saveSetting(`layout.${key}`, JSON.parse(json));
      return { saved: true };
    },
  };
}
