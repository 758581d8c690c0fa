/**
 * Balance operations (deposit, withdrawal, credit in/out, bonus, correction): what the dealer typed,
 * checked and turned into the deal the server books (DOMAIN.md "Money operations"), and how the
 * server's deal is recognised as that operation's.
 *
 * Limits are in whole units of the desk currency; an amount in another currency is converted at
 * live rates. A dealer above `dealerMaxAmount` is refused here, whatever the window allowed; an admin
 * is bound only by the server's 1e9. Above `fourEyesAbove` (every role) it waits for a second operator.
 */
import { type BalanceRequest, balanceKinds } from '../../shared/actions';
import { DeskRequestError } from '../../shared/contract';
import type { Deal } from '../../shared/domain';
import { CREDIT_ACTIONS } from '../../shared/mt5';
import type { Limits } from '../../shared/operators';
import { formatMoney, type Money } from '../../shared/units';
import type { StoredAction } from '../cache/actions-store';
import { parseAmount } from './amounts';
import type { Channel } from './delivery';
import type { ActionMirror, Actor } from './ports';
import { refusalReason } from './server-replies';
import { commentCarries, dealComment, noteRoom } from './transaction-ids';
import {
  type ActionContext,
  forbid,
  refuse,
  requireAccount,
  requireGateway,
  requireGroupOf,
  requirePermission,
} from './validation';

export interface BalancePlan {
  server: string;
  login: number;
  kind: BalanceRequest['kind'];
  dealAction: number;
  /** Signed cents of the account currency, as the deal books it. */
  amount: Money;
  currency: string;
  note: string;
  /** "Balance 1,000.00 USD" → "Balance 2,500.00 USD". */
  before: string;
  after: string;
  /** Why a second operator must approve it, or null. */
  fourEyes: string | null;
}

export interface BalanceContext extends ActionContext {
  limits(): Limits;
  /** The transaction id the next action will take (it decides how much room the note has). */
  nextId(): string;
}

/** Validates a balance request and decides whether it needs approval; throws a DeskRequestError if refused. */
export function planBalance(
  request: Pick<BalanceRequest, 'server' | 'login' | 'kind' | 'amount' | 'note'>,
  actor: Actor,
  ctx: BalanceContext,
): BalancePlan {
  requirePermission(actor, 'act', 'send balance operations');
  requireGateway(ctx, request.server);
  const account = requireAccount(ctx, request.server, request.login);
  const spec = balanceKinds[request.kind];
  const parsed = parseAmount(request.amount, { signed: spec.sign === 0 });
  if (!parsed.ok) throw refuse(parsed.message);
  const amount = spec.sign === 0 ? parsed.cents : spec.sign * parsed.cents;
  const note = checkNote(request.note, ctx.nextId());
  const currency = requireGroupOf(ctx, request.server, account).currency;

  const what = `${spec.label} of ${formatMoney(Math.abs(amount))} ${currency}`;
  const inDesk = toDeskCurrency(ctx, request.server, Math.abs(amount), currency);
  const shownInDesk =
    currency === ctx.deskCurrency || inDesk === null ? '' : ` (about ${formatMoney(inDesk)} ${ctx.deskCurrency})`;
  const limits = ctx.limits();
  if (actor.role !== 'admin') {
    if (inDesk === null) {
      throw forbid(
        `${what} cannot be checked against your limit: there is no live rate from ${currency} to ${ctx.deskCurrency} yet. Try again when prices arrive, or ask an admin.`,
      );
    }
    if (inDesk > limits.dealerMaxAmount * 100) {
      throw forbid(
        `${what}${shownInDesk} is above your limit of ${formatMoney(limits.dealerMaxAmount * 100)} ${ctx.deskCurrency} per operation; an admin can send it.`,
      );
    }
  }
  let fourEyes: string | null = null;
  if (inDesk === null) {
    fourEyes = `there is no live rate from ${currency} to ${ctx.deskCurrency} to compare it with the four-eyes limit`;
  } else if (inDesk > limits.fourEyesAbove * 100) {
    fourEyes = `${what}${shownInDesk} is above the four-eyes limit of ${formatMoney(limits.fourEyesAbove * 100)} ${ctx.deskCurrency}`;
  }

  const toCredit = CREDIT_ACTIONS.has(spec.action);
  const ledger = toCredit ? 'Credit' : 'Balance';
  const current = toCredit ? account.credit : account.balance;
  return {
    server: request.server,
    login: request.login,
    kind: request.kind,
    dealAction: spec.action,
    amount,
    currency,
    note,
    before: `${ledger} ${formatMoney(current)} ${currency}`,
    after: `${ledger} ${formatMoney(current + amount)} ${currency}`,
    fourEyes,
  };
}

/** The note as it goes into the deal comment after the transaction id: one line, within 31 characters. */
function checkNote(raw: string, nextId: string): string {
  const note = raw.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\u0000-\u001f\u007f]/.test(note))
    throw refuse('The note must be one line of text, without tabs or line breaks.');
  const room = noteRoom(nextId);
  if (note.length > room) {
    throw refuse(
      `The note is ${note.length} characters; the deal comment keeps ${room} after the transaction id ` +
        `(MT5 stores 31 characters, "${nextId} " takes ${nextId.length + 1}). Shorten it by ${note.length - room}.`,
    );
  }
  return note;
}

/** Cents of the account currency in cents of the desk currency at live rates; null without a rate. */
export function toDeskCurrency(ctx: ActionContext, server: string, amount: Money, currency: string): Money | null {
  if (currency === ctx.deskCurrency) return amount;
  return ctx.book.convertMoney(server, amount, currency, ctx.deskCurrency);
}

/** The server's deal is this operation's: same login, deal action, amount, and the id as a token. */
export function dealMatches(action: StoredAction, deal: Deal): boolean {
  return (
    deal.login === action.login &&
    deal.action === action.dealAction &&
    deal.profit === action.amount &&
    commentCarries(deal.comment, action.id)
  );
}

/** How balance operations are sent and found again after a lost reply. */
export function balanceChannel(mirror: ActionMirror): Channel {
  return {
    send(action, gateway) {
      const { dealAction, amount, comment } = action;
      if (dealAction === null || amount === null || comment === null) {
        return Promise.reject(new DeskRequestError('internal', `Action ${action.id} is not a balance operation.`));
      }
      return gateway.balance(action.login, dealAction, amount, comment);
    },
    inCache(action) {
      const deal = mirror.balanceDeals(action.server, action.login).find((d) => dealMatches(action, d));
      return deal ? { applied: true, confirmed: true, dealTicket: deal.ticket } : { applied: false };
    },
    async onServer(action, gateway) {
      const found = await gateway.findBalanceDeal(action.login, action.id);
      return found ? { applied: true, confirmed: false, dealTicket: found.dealTicket } : { applied: false };
    },
    refusal: (_action, retcode) => refusalReason(retcode),
    confirmed: (action, ticket) => `Confirmed by deal #${ticket ?? '?'} on ${action.server}.`,
  };
}

/** The comment a balance operation's deal carries. */
export const commentFor =
  (note: string) =>
  (id: string): string =>
    dealComment(id, note);
