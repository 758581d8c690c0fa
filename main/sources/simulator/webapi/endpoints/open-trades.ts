/**
 * position/* and order/* : open positions and pending orders, which share one shape of calls
 * (get_total, get_page, get_batch by login | group | ticket with an optional symbol).
 * Closed orders (history/*) are not served: the simulator keeps no order history.
 */
import type { Order, Position } from '../../../../../shared/domain';
import type { ServerBook } from '../book';
import { int } from '../format';
import { nameMask } from '../masks';
import type { Params } from '../params';
import { orderRecord, positionRecord, type WireRecord } from '../records-trade';
import { answer, maskAnswer, type Reply } from '../reply';
import { type Endpoints, exactlyOne, found, loginsInGroups, page } from './handler';

interface OpenKind<T extends Position | Order> {
  name: 'position' | 'order';
  records: (book: ServerBook) => ReadonlyMap<number, T>;
  toWire: (record: T, book: ServerBook) => WireRecord;
}

const positions: OpenKind<Position> = {
  name: 'position',
  records: (book) => book.truth.positions,
  toWire: positionRecord,
};
const orders: OpenKind<Order> = { name: 'order', records: (book) => book.truth.orders, toWire: orderRecord };

function ofLogin<T extends Position | Order>(kind: OpenKind<T>, params: Params, book: ServerBook): T[] {
  const login = params.int('login');
  return byTicket([...kind.records(book).values()].filter((r) => r.login === login));
}

const byTicket = <T extends { ticket: number }>(records: T[]): T[] => records.sort((a, b) => a.ticket - b.ticket);

function batch<T extends Position | Order>(kind: OpenKind<T>, params: Params, book: ServerBook): Reply {
  const by = exactlyOne(params, ['login', 'group', 'ticket'] as const);
  const symbolMatches = params.has('symbol') ? nameMask(params.text('symbol')) : () => true;
  const toWire = (record: T) => kind.toWire(record, book);
  const all = kind.records(book);
  if (by === 'ticket') {
    const picked = params.ints('ticket').flatMap((ticket) => all.get(ticket) ?? []);
    return answer(picked.filter((r) => symbolMatches(r.symbol)).map(toWire));
  }
  const logins =
    by === 'login'
      ? new Set(params.ints('login'))
      : new Set(loginsInGroups(book, params.text('group')).map((a) => a.login));
  const picked = byTicket([...all.values()].filter((r) => logins.has(r.login) && symbolMatches(r.symbol)));
  return by === 'login' ? answer(picked.map(toWire)) : maskAnswer(picked, book.maskLimit, toWire);
}

function endpointsOf<T extends Position | Order>(kind: OpenKind<T>): Endpoints {
  return {
    [`${kind.name}/get_total`]: (params, book) => answer({ Total: int(ofLogin(kind, params, book).length) }),
    [`${kind.name}/get_page`]: (params, book) => {
      const { offset, total } = page(params);
      return answer(
        ofLogin(kind, params, book)
          .slice(offset, offset + total)
          .map((record) => kind.toWire(record, book)),
      );
    },
    [`${kind.name}/get_batch`]: (params, book) => batch(kind, params, book),
  };
}

export const openTradeEndpoints: Endpoints = {
  ...endpointsOf(positions),
  ...endpointsOf(orders),
  // Netting semantics: the login's position in the symbol; on hedging, the first one (as MT5 does).
  'position/get': (params, book) => {
    const symbol = params.text('symbol');
    const position = ofLogin(positions, params, book).find((p) => p.symbol === symbol);
    return answer(positionRecord(found(position, `position of ${symbol}`), book));
  },
  'order/get': (params, book) => {
    const ticket = params.int('ticket');
    return answer(orderRecord(found(book.truth.orders.get(ticket), `order ${ticket}`), book));
  },
};
