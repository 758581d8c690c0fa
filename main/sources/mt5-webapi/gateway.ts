/**
 * Dealer actions on a Web API server (ServerGateway): balance operations through trade/balance,
 * user changes through user/update, and the lookup a retry needs after a lost reply. A balance
 * operation is never resent by the connection after a lost reply (idempotent: false): whether the
 * server booked it is for the actions path to find out (delivery.ts), by the transaction id in the
 * deal comment.
 */
import type { Login, ServerId } from '../../../shared/domain';
import { DealAction, Retcode } from '../../../shared/mt5';
import type { Money } from '../../../shared/units';
import type { BalanceReply, ServerGateway, UserChangeRequest } from '../../actions/server-gateway';
import { commentCarries, MAX_DEAL_COMMENT } from '../../actions/transaction-ids';
import type { WebApiConnection } from './connection/connection';
import { dealFromWire } from './mappers/deal';
import type { WireRecord } from './mappers/reader';
import { int } from './protocol/scalars';
import { RefusedError, rows } from './sync/queries';

export interface WebApiGatewayOptions {
  server: ServerId;
  /** The same session as the server's WebApiSource. */
  connection: WebApiConnection;
  /**
   * The newest server time seen (the source's serverTimeMsc; 0 if none yet). Servers stamp deals in
   * their own zone and a simulator may run in another year, so the lookup window covers both it and
   * the desk's clock.
   */
  serverTimeMsc?: () => number;
  /** The desk's clock. */
  now?: () => number;
  /** How far back a lost balance deal is looked for. Default 7 days. */
  lookbackSec?: number;
}

export class WebApiGateway implements ServerGateway {
  readonly server: ServerId;
  private readonly connection: WebApiConnection;

  constructor(private readonly options: WebApiGatewayOptions) {
    this.server = options.server;
    this.connection = options.connection;
  }

  async balance(login: Login, action: number, amount: Money, comment: string): Promise<BalanceReply> {
    if (action < DealAction.BALANCE || action > DealAction.BONUS) {
      return { retcode: Retcode.ERR_PARAMS };
    }
    const reply = await this.connection.request(
      'trade/balance',
      {
        login,
        type: action,
        balance: centsToDecimal(amount),
        comment: comment.slice(0, MAX_DEAL_COMMENT),
        // CORRECTION books what already happened elsewhere: MT5 skips the margin check for it.
        check_margin: action === DealAction.CORRECTION ? 0 : 1,
      },
      { idempotent: false },
    );
    if (reply.retcode !== Retcode.OK) return { retcode: reply.retcode };
    const ticket = (reply.body.answer as WireRecord | undefined)?.Ticket;
    try {
      return { retcode: reply.retcode, dealTicket: int('Ticket', ticket) };
    } catch {
      // Booked, but the ticket is unreadable: the deal still arrives and confirms the action.
      return { retcode: reply.retcode };
    }
  }

  async updateUser(login: Login, change: UserChangeRequest): Promise<{ retcode: number }> {
    const params: Record<string, string | number> = { login };
    if (change.group !== undefined) params.group = change.group;
    if (change.leverage !== undefined) params.leverage = change.leverage;
    if (change.rights !== undefined) params.rights = change.rights;
    const reply = await this.connection.request('user/update', params);
    return { retcode: reply.retcode };
  }

  async findBalanceDeal(login: Login, transactionId: string): Promise<{ dealTicket: number } | undefined> {
    const desk = Math.floor((this.options.now?.() ?? Date.now()) / 1000);
    const seen = Math.floor((this.options.serverTimeMsc?.() ?? 0) / 1000) || desk;
    const from = Math.max(0, Math.min(desk, seen) - (this.options.lookbackSec ?? 7 * 86_400));
    // A day past either clock: the server stamps deals in its own zone (MT5-PROTOCOL.md §3 "Units").
    const to = Math.max(desk, seen) + 86_400;
    let records: WireRecord[];
    try {
      records = await rows(this.connection, 'deal/get_batch', { login, from, to });
    } catch (error) {
      if (error instanceof RefusedError) throw new Error(`could not read the deals of ${login}: ${error.message}`);
      throw error;
    }
    // Newest first: the deal being looked for was booked moments ago. Exact tokens: id 12 ≠ id 123.
    for (let i = records.length - 1; i >= 0; i--) {
      const deal = dealFromWire(records[i] as WireRecord);
      if (!deal.ok) continue;
      const { action, comment, ticket } = deal.value;
      if (
        deal.value.login === login &&
        action >= DealAction.BALANCE &&
        action <= DealAction.BONUS &&
        commentCarries(comment, transactionId)
      ) {
        return { dealTicket: ticket };
      }
    }
    return undefined;
  }
}

/** Integer cents to the exact decimal string the server parses: -150025 → "-1500.25". */
export function centsToDecimal(cents: Money): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`amount must be whole cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
