/**
 * What the actions need from a server: MT5's DealerBalance and UserUpdate, answered with a
 * retcode. Implemented for the embedded simulator now and for the Web API source later (issue 7).
 * A promise that rejects or never settles is a lost reply: the server may or may not have applied
 * the change, so callers must look for its event before retrying.
 */
import type { Login, ServerId } from '../../shared/domain';
import type { Money } from '../../shared/units';

export interface BalanceReply {
  retcode: number;
  /** The balance deal's ticket when the server booked it. */
  dealTicket?: number;
}

export interface UserChangeRequest {
  group?: string;
  leverage?: number;
  rights?: number;
}

export interface ServerGateway {
  readonly server: ServerId;
  /** A balance deal of `action` (DealAction 2..6) for `amount` cents, signed; `comment` ≤ 31 characters. */
  balance(login: Login, action: number, amount: Money, comment: string): Promise<BalanceReply>;
  updateUser(login: Login, change: UserChangeRequest): Promise<{ retcode: number }>;
  /**
   * Asks the server itself (not the desk's cache, which may lag) for a balance deal of `login`
   * whose comment carries `transactionId`: how a retry learns that a lost reply was applied.
   */
  findBalanceDeal(login: Login, transactionId: string): Promise<{ dealTicket: number } | undefined>;
}
