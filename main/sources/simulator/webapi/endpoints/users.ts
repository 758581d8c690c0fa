/**
 * user/* : users (MT5 "user": group, leverage, rights, balance) and their trading state
 * (user/account/*). Changes go through the simulator's own UserUpdate, so the account.update event
 * follows as it would on a real server.
 */
import type { Account } from '../../../../../shared/domain';
import { Retcode } from '../../../../../shared/mt5';
import type { UserChange } from '../../dealer-operations';
import type { ServerBook } from '../book';
import { int } from '../format';
import type { Params } from '../params';
import { accountRecord, storageByLogin, userRecord } from '../records-config';
import { ApiError, answer, maskAnswer, type Reply } from '../reply';
import { accountsNamed, type Endpoints, exactlyOne, found, loginsInGroups } from './handler';

/** The accounts of `login=a,b` (all of them) or `group=mask` (at most the mask limit, then 14). */
function batch(params: Params, book: ServerBook, toWire: (account: Account) => unknown): Reply {
  const by = exactlyOne(params, ['login', 'group'] as const);
  if (by === 'login') return answer(accountsNamed(book, params.ints('login')).map(toWire));
  return maskAnswer(loginsInGroups(book, params.text('group')), book.maskLimit, toWire);
}

function account(params: Params, book: ServerBook): Account {
  const login = params.int('login');
  return found(book.truth.accounts.get(login), `login ${login}`);
}

function update(params: Params, book: ServerBook): Reply {
  const login = params.int('login');
  const change: UserChange = {
    ...(params.has('group') && { group: params.text('group') }),
    ...(params.has('leverage') && { leverage: params.int('leverage') }),
    ...(params.has('rights') && { rights: params.int('rights') }),
  };
  const reply = book.simulator.updateUser(login, change);
  if (reply.retcode !== Retcode.REQUEST_DONE) throw new ApiError(reply.retcode);
  return answer(userRecord(found(book.truth.accounts.get(login), `login ${login}`), book));
}

export const userEndpoints: Endpoints = {
  'user/get': (params, book) => answer(userRecord(account(params, book), book)),
  // Real MT5 serves user/get_batch (login list or group mask) though the doc's table leaves it out.
  'user/get_batch': (params, book) => batch(params, book, (a) => userRecord(a, book)),
  'user/logins': (params, book) =>
    maskAnswer(loginsInGroups(book, params.text('group')), book.maskLimit, (a) => int(a.login)),
  'user/update': update,
  // A real server has account state only for logins active since its restart; the simulator
  // keeps it for every login, so a client never has to tell "idle" from "missing" here.
  'user/account/get': (params, book) => answer(accountRecord(account(params, book), book, storageByLogin(book))),
  'user/account/get_batch': (params, book) => {
    const storage = storageByLogin(book);
    return batch(params, book, (a) => accountRecord(a, book, storage));
  },
};
