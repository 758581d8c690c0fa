/**
 * What a manager (the desk) may ask of the server, with MT5's validation and retcodes:
 * balance operations (`DealerBalance`) and user changes (`UserUpdate`).
 *
 * Each operation is applied first and answered second, through `OperationTap`: the seam where a
 * test can lose, delay or garble the reply after the server has already applied the change (the
 * "applied but reply lost" fault the desk's idempotent retries must survive).
 */
import type { Login } from '../../../shared/domain';
import { BALANCE_ACTIONS, CREDIT_ACTIONS, DealAction, Retcode } from '../../../shared/mt5';
import type { Money } from '../../../shared/units';
import type { Catalog } from './catalog';
import type { TradeServer } from './trade-server';

/** MT5 refuses more than 1e9 (account currency) in one balance operation. */
export const MAX_BALANCE_OPERATION: Money = 1e9 * 100;
/** 32 bytes including the terminator on the wire. */
export const MAX_COMMENT_LENGTH = 31;
export const MIN_LEVERAGE = 1;
export const MAX_LEVERAGE = 500;

/** The balance-deal actions a dealer sends (MT5-PROTOCOL.md §4: actions 2..6). */
const DEALER_BALANCE_ACTIONS: ReadonlySet<number> = new Set([
  DealAction.BALANCE,
  DealAction.CREDIT,
  DealAction.CHARGE,
  DealAction.CORRECTION,
  DealAction.BONUS,
]);

export interface BalanceOptions {
  /** Refuse a withdrawal that free margin (or the credit) cannot cover; MT5's default. */
  checkMargin?: boolean;
}

export interface BalanceReply {
  retcode: number;
  dealTicket?: number;
}

export interface UserChange {
  group?: string;
  leverage?: number;
  rights?: number;
}

export interface UserReply {
  retcode: number;
}

export type BalanceOperation = {
  kind: 'balance';
  login: Login;
  action: number;
  amount: Money;
  comment: string;
  checkMargin: boolean;
};
export type UserChangeOperation = { kind: 'updateUser'; login: Login; change: UserChange };
export type DealerOperation = BalanceOperation | UserChangeOperation;

/** A balance request as the server takes it: the margin check is on unless the dealer turns it off. */
export function balanceOperation(
  login: Login,
  action: number,
  amount: Money,
  comment: string,
  options: BalanceOptions = {},
): BalanceOperation {
  return { kind: 'balance', login, action, amount, comment, checkMargin: options.checkMargin ?? true };
}

/** A user change with only the fields it sets, a copy the caller cannot alter afterwards. */
export function userChangeOperation(login: Login, change: UserChange): UserChangeOperation {
  const { group, leverage, rights } = change;
  return {
    kind: 'updateUser',
    login,
    change: {
      ...(group !== undefined && { group }),
      ...(leverage !== undefined && { leverage }),
      ...(rights !== undefined && { rights }),
    },
  };
}

/**
 * Sees every reply after the server applied (or refused) the operation and returns the reply the
 * caller gets. A fault injector may throw here to model a reply lost on the way back.
 */
export type OperationTap = <R extends BalanceReply | UserReply>(operation: DealerOperation, reply: R) => R;

export const passThrough: OperationTap = (_operation, reply) => reply;

export class DealerOperations {
  tap: OperationTap = passThrough;

  constructor(
    private readonly server: TradeServer,
    private readonly catalog: Catalog,
  ) {}

  balance(login: Login, action: number, amount: Money, comment: string, options: BalanceOptions = {}): BalanceReply {
    const operation = balanceOperation(login, action, amount, comment, options);
    return this.tap(operation, this.applyBalance(operation));
  }

  updateUser(login: Login, change: UserChange): UserReply {
    const operation = userChangeOperation(login, change);
    return this.tap(operation, this.applyUserChange(operation));
  }

  /** The server's side of a balance operation, without the reply seam (the simulated CRM uses it too). */
  applyBalance(op: BalanceOperation): BalanceReply {
    if (!DEALER_BALANCE_ACTIONS.has(op.action) || !BALANCE_ACTIONS.has(op.action))
      return { retcode: Retcode.ERR_PARAMS };
    if (!Number.isSafeInteger(op.amount) || op.amount === 0) return { retcode: Retcode.ERR_PARAMS };
    if (op.comment.length > MAX_COMMENT_LENGTH) return { retcode: Retcode.ERR_PARAMS };
    const account = this.server.account(op.login);
    if (account === undefined) return { retcode: Retcode.ERR_NOTFOUND };
    if (Math.abs(op.amount) > MAX_BALANCE_OPERATION) return { retcode: Retcode.TRADE_MAX_MONEY };
    if (op.amount < 0 && op.checkMargin && !this.canWithdraw(op.login, op.action, -op.amount)) {
      return { retcode: Retcode.REQUEST_NO_MONEY };
    }
    const deal = this.server.bookBalance(account, op.action, op.amount, op.comment);
    return { retcode: Retcode.REQUEST_DONE, dealTicket: deal.ticket };
  }

  /** The server's side of a user change, without the reply seam (a replay re-applies it so). */
  applyUserChange({ login, change }: UserChangeOperation): UserReply {
    const account = this.server.account(login);
    if (account === undefined) return { retcode: Retcode.ERR_NOTFOUND };
    const { leverage, rights } = change;
    if (
      leverage !== undefined &&
      !(Number.isInteger(leverage) && leverage >= MIN_LEVERAGE && leverage <= MAX_LEVERAGE)
    ) {
      return { retcode: Retcode.ERR_PARAMS };
    }
    if (rights !== undefined && !(Number.isSafeInteger(rights) && rights >= 0)) return { retcode: Retcode.ERR_PARAMS };
    const group = change.group === undefined ? undefined : this.catalog.group(change.group);
    if (change.group !== undefined && group === undefined) return { retcode: Retcode.ERR_PARAMS };
    // A login with open trades cannot change currency or margin mode: its positions would no longer
    // mean the same thing. Moving between B-book and A-book twins is always allowed.
    if (group !== undefined && (account.positions.length > 0 || account.orders.length > 0)) {
      const from = account.group.spec;
      if (from.currency !== group.spec.currency || account.group.hedging !== group.hedging) {
        return { retcode: Retcode.ERR_PARAMS };
      }
    }
    this.server.changeUser(account, {
      ...(group !== undefined && { group }),
      ...(leverage !== undefined && { leverage }),
      ...(rights !== undefined && { rights }),
    });
    return { retcode: Retcode.REQUEST_DONE };
  }

  /**
   * A withdrawal must leave the balance (or credit) non-negative and be covered by free margin,
   * so it cannot push an account with open positions into a margin call.
   */
  private canWithdraw(login: Login, action: number, amount: Money): boolean {
    const account = this.server.account(login);
    if (account === undefined) return false;
    const isCredit = CREDIT_ACTIONS.has(action);
    if (amount > (isCredit ? account.credit : account.balance)) return false;
    const snap = this.server.snapshot(account);
    return amount <= snap.equity - snap.margin;
  }
}
