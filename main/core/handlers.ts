/** The contract's requests, answered from the core's services. */
import { DeskRequestError, type Handlers } from '../../shared/contract';
import type { Tick } from '../../shared/domain';
import { volumeToLots } from '../../shared/units';
import type { MirrorCache, RecordStore } from '../cache';
import type { DeskBook } from '../engines/book/book';
import type { RiskDesk } from './risk';
import type { StatusBoard } from './status';

export interface HandlerDeps {
  book: DeskBook;
  mirror: MirrorCache;
  record: RecordStore;
  status: StatusBoard;
  servers: () => string[];
  deskCurrency: string;
  version: string;
  /** Each window's visible position rows (see DeskBook.takeDeltas). */
  viewports: Map<string, Set<string>>;
  risk: RiskDesk;
  /** The embedded simulator's speed control; undefined when no simulator runs. */
  simulatorSpeed?: (speed: number) => number;
  /** The embedded simulator's market shock; undefined when no simulator runs. */
  simulatorShock?: (symbol: string, percent: number) => Tick | undefined;
}

export function createHandlers(deps: HandlerDeps): Handlers {
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
    'positions.viewport': ({ ids }, ctx) => {
      deps.viewports.set(ctx.windowId, new Set(ids));
      return { watching: ids.length };
    },
    'sim.control': ({ speed }) => {
      if (!deps.simulatorSpeed) throw new DeskRequestError('not_supported', 'No embedded simulator is running.');
      return { speed: deps.simulatorSpeed(speed) };
    },
    ...deps.risk.handlers(),
    'sim.shock': ({ symbol, percent }) => {
      if (!deps.simulatorShock) throw new DeskRequestError('not_supported', 'No embedded simulator is running.');
      const tick = deps.simulatorShock(symbol, percent);
      if (!tick) throw new DeskRequestError('bad_request', `The simulator has no symbol ${symbol}.`);
      return { symbol: tick.symbol, bid: tick.bid, ask: tick.ask };
    },
    'layout.get': ({ key }) => deps.record.setting(`layout.${key}`) ?? null,
    'layout.save': ({ key, state }) => {
      const json = JSON.stringify(state ?? null);
      if (json.length > 64_000) throw new DeskRequestError('bad_request', 'A layout is at most 64 KB.');
      deps.record.saveSetting(`layout.${key}`, JSON.parse(json));
      return { saved: true };
    },
  };
}
