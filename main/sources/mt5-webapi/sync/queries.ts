/**
 * Reading lists from the Web API without losing rows: a mask query answers at most 5000 rows and
 * says so with retcode 14 (MT5-PROTOCOL.md §2.3), so a truncated `group=*` is asked again group by
 * group, and a group still too large login by login (in lists of 100).
 */
import { Retcode } from '../../../../shared/mt5';
import type { Params, WebApiConnection } from '../connection/connection';
import type { WireRecord } from '../mappers/reader';

/** A command answered with a retcode the caller cannot work with. */
export class RefusedError extends Error {
  constructor(
    readonly command: string,
    readonly retcode: number,
    text: string,
  ) {
    super(`${command}: the server answered retcode ${retcode}${text ? ` ${text}` : ''}`);
    this.name = 'RefusedError';
  }
}

export class TruncatedError extends RefusedError {
  constructor(command: string) {
    super(command, Retcode.ERR_PARTIAL, '(more than the mask limit of rows)');
    this.name = 'TruncatedError';
  }
}

/** Logins per `login=a,b,…` request when a group is too large for one mask query. */
export const LOGINS_PER_REQUEST = 100;

/** The rows of a list command: [] for "13 Not found", TruncatedError for 14. */
export async function rows(connection: WebApiConnection, command: string, params: Params): Promise<WireRecord[]> {
  const reply = await connection.request(command, params);
  if (reply.retcode === Retcode.ERR_NOTFOUND) return [];
  if (reply.retcode === Retcode.ERR_PARTIAL) throw new TruncatedError(command);
  if (reply.retcode !== Retcode.OK) throw new RefusedError(command, reply.retcode, reply.retcodeText);
  const answer = reply.body.answer;
  if (answer === undefined) return [];
  if (!Array.isArray(answer)) throw new RefusedError(command, reply.retcode, '(answer is not a list)');
  // Anything that is not an object cannot be mapped; an empty record fails its mapper and is dead-lettered.
  return answer.map((row) => (typeof row === 'object' && row !== null ? (row as WireRecord) : { value: row }));
}

/** The logins of one group (a list of strings on the wire). */
export async function loginsOf(connection: WebApiConnection, group: string): Promise<number[]> {
  const reply = await connection.request('user/logins', { group });
  if (reply.retcode === Retcode.ERR_NOTFOUND) return [];
  // UNCERTAIN: a single group of more than 5000 logins cannot be listed by mask; it fails loudly here.
  if (reply.retcode === Retcode.ERR_PARTIAL) throw new TruncatedError('user/logins');
  if (reply.retcode !== Retcode.OK) throw new RefusedError('user/logins', reply.retcode, reply.retcodeText);
  const answer = Array.isArray(reply.body.answer) ? reply.body.answer : [];
  return answer.map(Number).filter((login) => Number.isSafeInteger(login) && login > 0);
}

/**
 * Every row of a `group=`-capable batch command: `group=*` first, then per group when the server
 * truncated it, then per login list for a group that is still too large.
 */
export async function everyRow(
  connection: WebApiConnection,
  command: string,
  groups: () => readonly string[],
  extra: Params = {},
): Promise<WireRecord[]> {
  try {
    return await rows(connection, command, { ...extra, group: '*' });
  } catch (error) {
    if (!(error instanceof TruncatedError)) throw error;
  }
  const all: WireRecord[] = [];
  for (const group of groups()) {
    try {
      all.push(...(await rows(connection, command, { ...extra, group })));
    } catch (error) {
      if (!(error instanceof TruncatedError)) throw error;
      const logins = await loginsOf(connection, group);
      for (let i = 0; i < logins.length; i += LOGINS_PER_REQUEST) {
        const login = logins.slice(i, i + LOGINS_PER_REQUEST).join(',');
        all.push(...(await rows(connection, command, { ...extra, login })));
      }
    }
  }
  return all;
}
