/** What every endpoint is: the request's parameters and the server's records in, a reply out. */
import type { Account, Login } from '../../../../../shared/domain';
import { Retcode } from '../../../../../shared/mt5';
import type { ServerBook } from '../book';
import { nameMask } from '../masks';
import type { Params } from '../params';
import { ApiError, type Reply } from '../reply';

export type Handler = (params: Params, book: ServerBook) => Reply;
export type Endpoints = Record<string, Handler>;

/** MT5's page size limit for get_page (MT5-PROTOCOL.md §6). */
export const MAX_PAGE = 100;

/** `offset` and `total` of a get_page call, refusing a page over 100 rows with retcode 3. */
export function page(params: Params): { offset: number; total: number } {
  const offset = params.int('offset', 0);
  const total = params.int('total');
  if (offset < 0 || total < 0 || total > MAX_PAGE)
    throw new ApiError(Retcode.ERR_PARAMS, `total must be 0..${MAX_PAGE}`);
  return { offset, total };
}

/** Exactly one of the named parameters, as the get_batch calls require. */
export function exactlyOne<K extends string>(params: Params, names: readonly K[]): K {
  const given = names.filter((name) => params.has(name));
  if (given.length !== 1) throw new ApiError(Retcode.ERR_PARAMS, `exactly one of ${names.join(', ')}`);
  return given[0] as K;
}

/** Logins whose group matches the mask, in login order. */
export function loginsInGroups(book: ServerBook, mask: string): Account[] {
  const matches = nameMask(mask);
  return [...book.truth.accounts.values()].filter((a) => matches(a.group)).sort((a, b) => a.login - b.login);
}

/** The accounts a `login=a,b` list names, skipping unknown ones (a batch answers what exists). */
export function accountsNamed(book: ServerBook, logins: readonly Login[]): Account[] {
  const accounts: Account[] = [];
  for (const login of logins) {
    const account = book.truth.accounts.get(login);
    if (account !== undefined) accounts.push(account);
  }
  return accounts;
}

/** A required single record, or retcode 13. */
export function found<T>(record: T | undefined, what: string): T {
  if (record === undefined) throw new ApiError(Retcode.ERR_NOTFOUND, `${what} not found`);
  return record;
}
