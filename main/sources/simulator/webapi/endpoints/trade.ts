/**
 * trade/balance: a dealer's balance operation (DealerBalance) through the simulator, which
 * validates it as MT5 does (type 2..6, comment ≤ 31, 1e9 → 4005, a withdrawal free margin
 * cannot cover → 10019, CORRECTION or check_margin=0 skip the margin check) and books the deal.
 */
import { Retcode } from '../../../../../shared/mt5';
import { moneyFromDouble } from '../../../../../shared/units';
import { int } from '../format';
import { ApiError, answer } from '../reply';
import type { Endpoints } from './handler';

const DEALER_TYPES = new Set([2, 3, 4, 5, 6]);

export const tradeEndpoints: Endpoints = {
  'trade/balance': (params, book) => {
    const login = params.int('login');
    const type = params.int('type');
    if (!DEALER_TYPES.has(type)) throw new ApiError(Retcode.ERR_PARAMS, 'type must be 2..6');
    const amount = moneyFromDouble(params.decimal('balance'));
    const checkMargin = params.int('check_margin', 1) !== 0;
    const reply = book.simulator.balance(login, type, amount, params.text('comment', ''), { checkMargin });
    if (reply.retcode !== Retcode.REQUEST_DONE || reply.dealTicket === undefined) throw new ApiError(reply.retcode);
    return answer({ Ticket: int(reply.dealTicket) });
  },
};
