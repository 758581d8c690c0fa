/**
 * What an endpoint hands back: a retcode, the fields beside it (`answer`, `trans_id`, ...) and,
 * rarely, an HTTP status other than 200. Endpoints throw ApiError to refuse; the server turns
 * both into the envelope (protocol/envelope.ts).
 */
import { Retcode } from '../../../../shared/mt5';

export interface Reply {
  retcode: number;
  fields?: Record<string, unknown>;
  /** 200 unless the refusal is one MT5 also marks at the HTTP level (403 for auth and rights). */
  httpStatus?: number;
  /** Close the connection after this reply (quit): the session ends with it. */
  closeAfter?: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly retcode: number,
    message = retcodeText(retcode),
    readonly httpStatus = 200,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const done = (fields: Record<string, unknown> = {}): Reply => ({ retcode: Retcode.OK, fields });
export const answer = (value: unknown): Reply => done({ answer: value });

/**
 * A mask query's rows: at most `limit`, and retcode 14 with the truncated answer when there were
 * more (MT5-PROTOCOL.md §2.3, §6).
 */
export function maskAnswer<T>(rows: readonly T[], limit: number, toWire: (row: T) => unknown): Reply {
  const partial = rows.length > limit;
  const kept = partial ? rows.slice(0, limit) : rows;
  return { retcode: partial ? Retcode.ERR_PARTIAL : Retcode.OK, fields: { answer: kept.map(toWire) } };
}

// The words after the number are not stable on a real server (clients parse the number only).
const TEXTS: Record<number, string> = {
  0: 'Done',
  3: 'Invalid parameters',
  8: 'Not enough permissions',
  9: 'Timeout',
  13: 'Not found',
  14: 'Partial data',
  1001: 'Invalid account',
  4005: 'Money limit',
  10019: 'No money',
};

export const retcodeText = (retcode: number): string => TEXTS[retcode] ?? 'Error';
