/**
 * The deals of a time window (unix seconds, both ends inclusive) without losing any to the mask
 * limit: `group=*`, then per group, then halves of the window, and for one second of one group
 * still over the limit, login by login with deal/get_page (≤ 100 per page).
 */
import type { WebApiConnection } from '../connection/connection';
import type { WireRecord } from '../mappers/reader';
import { loginsOf, rows, TruncatedError } from './queries';

/** deal/get_page's largest page (MT5-PROTOCOL.md §6). */
export const DEAL_PAGE = 100;

export async function dealsBetween(
  connection: WebApiConnection,
  fromSec: number,
  toSec: number,
  groups: () => readonly string[],
): Promise<WireRecord[]> {
  const query = async (group: string, from: number, to: number): Promise<WireRecord[]> => {
    try {
      return await rows(connection, 'deal/get_batch', { group, from, to });
    } catch (error) {
      if (!(error instanceof TruncatedError)) throw error;
    }
    if (group === '*' && groups().length > 0) {
      const all: WireRecord[] = [];
      for (const g of groups()) all.push(...(await query(g, from, to)));
      return all;
    }
    if (to > from) {
      const mid = Math.floor((from + to) / 2);
      return [...(await query(group, from, mid)), ...(await query(group, mid + 1, to))];
    }
    return pagedByLogin(connection, group, from, to);
  };
  return query('*', fromSec, toSec);
}

async function pagedByLogin(
  connection: WebApiConnection,
  group: string,
  from: number,
  to: number,
): Promise<WireRecord[]> {
  const all: WireRecord[] = [];
  for (const login of await loginsOf(connection, group)) {
    for (let offset = 0; ; offset += DEAL_PAGE) {
      const page = await rows(connection, 'deal/get_page', { login, from, to, offset, total: DEAL_PAGE });
      all.push(...page);
      if (page.length < DEAL_PAGE) break;
    }
  }
  return all;
}
