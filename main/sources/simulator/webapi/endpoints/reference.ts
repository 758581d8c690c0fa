/**
 * group/* and symbol/* : the server's reference data, by name, by mask or walked by index.
 * `next` takes `index` and, optionally, `count`: without count it answers one record (as MT5's
 * group/next does), with count an array of up to that many; an index past the end is 13.
 */
import type { GroupSpec, SymbolSpec } from '../../../../../shared/domain';
import { Retcode } from '../../../../../shared/mt5';
import type { ServerBook } from '../book';
import { int } from '../format';
import { nameMask } from '../masks';
import type { Params } from '../params';
import { groupRecord, symbolRecord } from '../records-config';
import type { WireRecord } from '../records-trade';
import { ApiError, answer, maskAnswer, type Reply } from '../reply';
import { type Endpoints, found } from './handler';

interface Reference<T> {
  name: 'group' | 'symbol';
  all: (book: ServerBook) => T[];
  one: (book: ServerBook, name: string) => T | undefined;
  /** What a mask is matched against: the name, and a symbol's path too ("Forex\*"). */
  names: (record: T) => string[];
  toWire: (record: T) => WireRecord;
}

const groups: Reference<GroupSpec> = {
  name: 'group',
  all: (book) => book.groups,
  one: (book, name) => book.group(name),
  names: (g) => [g.group],
  toWire: groupRecord,
};

const symbols: Reference<SymbolSpec> = {
  name: 'symbol',
  all: (book) => book.symbols,
  one: (book, name) => book.symbol(name),
  names: (s) => [s.symbol, s.path],
  toWire: symbolRecord,
};

function next<T>(kind: Reference<T>, params: Params, book: ServerBook): Reply {
  const all = kind.all(book);
  const index = params.int('index');
  if (index < 0 || index >= all.length) throw new ApiError(Retcode.ERR_NOTFOUND, `no ${kind.name} at ${index}`);
  if (!params.has('count')) return answer(kind.toWire(all[index] as T));
  const count = params.int('count');
  if (count < 1) throw new ApiError(Retcode.ERR_PARAMS, 'count must be positive');
  return answer(all.slice(index, index + count).map(kind.toWire));
}

function get<T>(kind: Reference<T>, params: Params, book: ServerBook): Reply {
  if (params.has(kind.name)) {
    const name = params.text(kind.name);
    return answer(kind.toWire(found(kind.one(book, name), `${kind.name} ${name}`)));
  }
  const matches = nameMask(params.text('mask'));
  const rows = kind.all(book).filter((record) => kind.names(record).some(matches));
  return maskAnswer(rows, book.maskLimit, kind.toWire);
}

function endpointsOf<T>(kind: Reference<T>): Endpoints {
  return {
    [`${kind.name}/total`]: (_params, book) => answer({ Total: int(kind.all(book).length) }),
    [`${kind.name}/next`]: (params, book) => next(kind, params, book),
    [`${kind.name}/get`]: (params, book) => get(kind, params, book),
  };
}

export const referenceEndpoints: Endpoints = { ...endpointsOf(groups), ...endpointsOf(symbols) };
