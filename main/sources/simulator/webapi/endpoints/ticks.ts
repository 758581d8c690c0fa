/**
 * tick/last: the latest tick of each symbol asked for (a list or a mask, matched against names
 * and paths), or with the trans_id of an earlier answer only the symbols that ticked since. The
 * reply's top-level trans_id is the one to pass next time (tick-tape.ts).
 */
import { Retcode } from '../../../../../shared/mt5';
import { int } from '../format';
import { nameMask } from '../masks';
import { tickRecord } from '../records-config';
import { ApiError, done } from '../reply';
import type { Endpoints } from './handler';

/** MT5 caps the symbol parameter at 4096 characters (MT5-PROTOCOL.md §2.4). */
const MAX_SYMBOL_PARAM = 4096;

export const tickEndpoints: Endpoints = {
  'tick/last': (params, book) => {
    const symbol = params.text('symbol');
    if (symbol.length > MAX_SYMBOL_PARAM) throw new ApiError(Retcode.ERR_PARAMS, 'symbol list too long');
    const transId = params.int('trans_id', 0);
    if (transId < 0) throw new ApiError(Retcode.ERR_PARAMS, 'trans_id must not be negative');
    const matches = nameMask(symbol);
    const wanted = (name: string): boolean => matches(name) || matches(book.symbol(name)?.path ?? '');
    const ticks = book.ticks.since(transId, wanted);
    return done({ trans_id: int(book.ticks.currentTransId), answer: ticks.map((tick) => tickRecord(tick, book)) });
  },
};
