/**
 * The server's users (group, leverage, rights, name). Real MT5 serves user/get_batch though the
 * documentation's table lists only user/get; a server that refuses it is read the slow way:
 * user/logins for who exists, user/get for each new login, and a few known ones refreshed per
 * round so a group or leverage change still arrives (within logins ÷ USERS_REFRESHED_PER_ROUND rounds).
 */
import { Retcode } from '../../../../shared/mt5';
import type { WebApiConnection } from '../connection/connection';
import { WebApiError } from '../connection/errors';
import { keyOf, type WireRecord } from '../mappers/reader';
import { everyRow, loginsOf, RefusedError, TruncatedError } from './queries';

export const USERS_REFRESHED_PER_ROUND = 10;

export class Users {
  private readonly byLogin = new Map<number, WireRecord>();
  /** Unparsable users, kept so they reach the dead-letter table (keyed by nothing). */
  private unkeyed: WireRecord[] = [];
  private batchWorks = true;
  private rotation = 0;

  constructor(
    private readonly connection: WebApiConnection,
    private readonly groups: () => readonly string[],
    private readonly log: (line: string) => void,
  ) {}

  get records(): WireRecord[] {
    return [...this.byLogin.values(), ...this.unkeyed];
  }

  get loaded(): boolean {
    return this.byLogin.size > 0 || this.unkeyed.length > 0;
  }

  async refresh(): Promise<void> {
    if (this.batchWorks) {
      try {
        this.replace(await everyRow(this.connection, 'user/get_batch', this.groups));
        return;
      } catch (error) {
        if (!refusedCommand(error)) throw error;
        this.batchWorks = false;
        this.log(`mt5-webapi: user/get_batch refused (${(error as Error).message}); reading users one by one`);
      }
    }
    await this.refreshOneByOne();
  }

  private replace(records: WireRecord[]): void {
    this.byLogin.clear();
    this.unkeyed = [];
    for (const record of records) {
      const login = keyOf(record, 'Login');
      if (login === undefined) this.unkeyed.push(record);
      else this.byLogin.set(login, record);
    }
  }

  private async refreshOneByOne(): Promise<void> {
    const logins = await this.allLogins();
    const present = new Set(logins);
    for (const login of this.byLogin.keys()) if (!present.has(login)) this.byLogin.delete(login);
    const known = logins.filter((login) => this.byLogin.has(login));
    const stale = known.length === 0 ? [] : rotate(known, this.rotation, USERS_REFRESHED_PER_ROUND);
    this.rotation = known.length === 0 ? 0 : (this.rotation + USERS_REFRESHED_PER_ROUND) % known.length;
    for (const login of [...logins.filter((l) => !this.byLogin.has(l)), ...stale]) {
      const reply = await this.connection.request('user/get', { login });
      if (reply.retcode === Retcode.ERR_NOTFOUND) this.byLogin.delete(login);
      else if (reply.retcode !== Retcode.OK) throw new RefusedError('user/get', reply.retcode, reply.retcodeText);
      else this.byLogin.set(login, (reply.body.answer ?? {}) as WireRecord);
    }
  }

  private async allLogins(): Promise<number[]> {
    try {
      return await loginsOf(this.connection, '*');
    } catch (error) {
      if (!(error instanceof TruncatedError)) throw error;
    }
    const all: number[] = [];
    for (const group of this.groups()) all.push(...(await loginsOf(this.connection, group)));
    return all;
  }
}

/** The server does not know the command (an error retcode, or HTTP 404/501), as opposed to a failure. */
function refusedCommand(error: unknown): boolean {
  if (error instanceof TruncatedError) return false;
  if (error instanceof RefusedError) return error.retcode !== Retcode.ERR_PERMISSIONS;
  return error instanceof WebApiError && (error.httpStatus === 404 || error.httpStatus === 501);
}

function rotate<T>(list: readonly T[], from: number, count: number): T[] {
  const picked: T[] = [];
  for (let i = 0; i < Math.min(count, list.length); i++) picked.push(list[(from + i) % list.length] as T);
  return picked;
}
