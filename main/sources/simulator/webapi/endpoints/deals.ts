/**
 * deal/* : the deal history. Time windows are unix seconds, both ends inclusive: `to` covers the
 * whole of its second, so a deal stamped 12:00:00.750 is inside from=to=12:00:00.
 */
import type { Deal } from '../../../../../shared/domain';
import type { ServerBook } from '../book';
import { int } from '../format';
import { nameMask } from '../masks';
import type { Params } from '../params';
import { dealRecord } from '../records-trade';
import { answer, maskAnswer, type Reply } from '../reply';
import { type Endpoints, exactlyOne, found, loginsInGroups, page } from './handler';

function window(params: Params): { fromMsc: number; toMsc: number } {
  return { fromMsc: params.int('from') * 1000, toMsc: params.int('to') * 1000 + 999 };
}

function dealsOfLogin(params: Params, book: ServerBook): Deal[] {
  const { fromMsc, toMsc } = window(params);
  return book.deals.ofLogin(params.int('login'), fromMsc, toMsc);
}

function batch(params: Params, book: ServerBook): Reply {
  const by = exactlyOne(params, ['login', 'group', 'ticket'] as const);
  const symbolMatches = params.has('symbol') ? nameMask(params.text('symbol')) : () => true;
  const toWire = (deal: Deal) => dealRecord(deal, book);
  const keep = (deals: Deal[]) => deals.filter((d) => symbolMatches(d.symbol));
  if (by === 'ticket') {
    const deals = params.ints('ticket').flatMap((ticket) => book.deals.get(ticket) ?? []);
    return answer(keep(deals).map(toWire));
  }
  const { fromMsc, toMsc } = window(params);
  if (by === 'login') {
    const deals = params.ints('login').flatMap((login) => book.deals.ofLogin(login, fromMsc, toMsc));
    return answer(keep(deals).map(toWire));
  }
  const logins = new Set(loginsInGroups(book, params.text('group')).map((a) => a.login));
  const deals = book.deals.between(fromMsc, toMsc).filter((d) => logins.has(d.login));
  return maskAnswer(keep(deals), book.maskLimit, toWire);
}

export const dealEndpoints: Endpoints = {
  'deal/get': (params, book) => {
    const ticket = params.int('ticket');
    return answer(dealRecord(found(book.deals.get(ticket), `deal ${ticket}`), book));
  },
  'deal/get_total': (params, book) => answer({ Total: int(dealsOfLogin(params, book).length) }),
  'deal/get_page': (params, book) => {
    const { offset, total } = page(params);
    return answer(
      dealsOfLogin(params, book)
        .slice(offset, offset + total)
        .map((deal) => dealRecord(deal, book)),
    );
  },
  'deal/get_batch': batch,
};
