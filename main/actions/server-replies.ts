/**
 * What a server's retcode means to a dealer (MT5-PROTOCOL.md §3 "Retcodes"), said so they know
 * what to do next; the number stays in the message for whoever checks the server's journal.
 */
import { Retcode } from '../../shared/mt5';

/** A balance operation or user update the server booked: Web API `0 Done`, manager API 10009. */
export const isDone = (retcode: number): boolean => retcode === Retcode.OK || retcode === Retcode.REQUEST_DONE;

const REASONS: Readonly<Record<number, string>> = {
  2: 'The server reported a general error',
  [Retcode.ERR_PARAMS]: 'The server refused the request as invalid',
  [Retcode.ERR_PERMISSIONS]: "The desk's manager account lacks the right for this on the server",
  9: 'The server timed out processing it',
  [Retcode.ERR_FREQUENT]: 'The server refused it as too frequent; wait and send it again',
  [Retcode.ERR_NOTFOUND]: 'The server does not know this login',
  [Retcode.ERR_PARTIAL]: 'The server truncated the answer (more than 5,000 rows for one mask)',
  [Retcode.AUTH_INVALID_ACCOUNT]: 'The server refused the manager login or password',
  [Retcode.AUTH_IP_BLOCKED]: "The server does not allow this machine's IP address",
  [Retcode.AUTH_LICENCE_LIMIT]: "The server's licence allows no more connections",
  [Retcode.AUTH_RESET_PASSWORD]: 'The manager password must be changed on the server first',
  [Retcode.TRADE_MAX_MONEY]: "The amount is above the server's limit for one operation",
  10006: 'The server rejected it',
  [Retcode.REQUEST_TRADE_DISABLED]: 'Trading is disabled for this account',
  [Retcode.REQUEST_NO_MONEY]: 'Not enough free margin or balance for this withdrawal',
  [Retcode.REQUEST_TOO_MANY]: 'The server is busy (too many requests); send it again shortly',
};

/** "Not enough free margin or balance for this withdrawal (retcode 10019)". */
export function refusalReason(retcode: number, what?: string): string {
  const reason = REASONS[retcode] ?? 'The server refused it';
  return `${reason}${retcode === Retcode.ERR_PARAMS && what ? ` (${what})` : ''} (retcode ${retcode})`;
}
