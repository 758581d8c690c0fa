/**
 * MT5 retcodes (MT5-PROTOCOL.md §3, MT5APIConstants.h) and the words a dealer reads for them.
 * The Web API sends "<int> <text>"; only the integer is stable, so the text here is the desk's.
 */
export const Retcode = {
  OK: 0,
  OK_NONE: 1,
  ERROR: 2,
  PARAMS: 3,
  DATA: 4,
  NETWORK: 7,
  PERMISSIONS: 8,
  TIMEOUT: 9,
  CONNECTION: 10,
  FREQUENT: 12,
  NOT_FOUND: 13,
  PARTIAL: 14,
  DUPLICATE: 17,
  AUTH_INVALID_ACCOUNT: 1001,
  AUTH_IP_BLOCKED: 1012,
  AUTH_LICENCE_LIMIT: 1022,
  AUTH_RESET_PASSWORD: 1026,
  MONEY_LIMIT: 4005,
  REQUEST_REJECT: 10006,
  REQUEST_PLACED: 10008,
  REQUEST_DONE: 10009,
  TRADE_DISABLED: 10017,
  NO_MONEY: 10019,
  TOO_MANY_REQUESTS: 10024,
} as const;

const meanings: Record<number, string> = {
  [Retcode.OK]: 'done',
  [Retcode.OK_NONE]: 'done, nothing to do',
  [Retcode.ERROR]: 'server error',
  [Retcode.PARAMS]: 'invalid parameters',
  [Retcode.DATA]: 'invalid data',
  [Retcode.NETWORK]: 'network error',
  [Retcode.PERMISSIONS]: 'the manager account lacks the right for this',
  [Retcode.TIMEOUT]: 'server timeout',
  [Retcode.CONNECTION]: 'no connection',
  [Retcode.FREQUENT]: 'too frequent requests (anti-flood)',
  [Retcode.NOT_FOUND]: 'not found',
  [Retcode.PARTIAL]: 'partial answer (mask query truncated)',
  [Retcode.DUPLICATE]: 'duplicate',
  [Retcode.AUTH_INVALID_ACCOUNT]: 'invalid manager login or password',
  [Retcode.AUTH_IP_BLOCKED]: 'this IP address is not allowed',
  [Retcode.AUTH_LICENCE_LIMIT]: 'licence connection limit reached',
  [Retcode.AUTH_RESET_PASSWORD]: 'the manager password must be changed first',
  [Retcode.MONEY_LIMIT]: 'amount above the server limit',
  [Retcode.REQUEST_REJECT]: 'request rejected',
  [Retcode.REQUEST_PLACED]: 'order placed',
  [Retcode.REQUEST_DONE]: 'done',
  [Retcode.TRADE_DISABLED]: 'trading disabled',
  [Retcode.NO_MONEY]: 'not enough money',
  [Retcode.TOO_MANY_REQUESTS]: 'too many queued requests',
};

/** "13 not found": the number always, so a dealer can look it up, with the desk's words beside it. */
export function describeRetcode(code: number): string {
  const meaning = meanings[code];
  return meaning === undefined ? `retcode ${code}` : `${code} ${meaning}`;
}

/** Codes that mean "accepted": 0 for most commands, 10009 for trade and balance operations. */
export const isSuccess = (code: number): boolean => code === Retcode.OK || code === Retcode.REQUEST_DONE;
