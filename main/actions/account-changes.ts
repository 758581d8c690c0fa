/**
 * Account changes (MT5 UserUpdate): leverage, group, and trading on or off (UserRights
 * TRADE_DISABLED, 0x4, flipped on the account's current rights). Each is checked before it is sent,
 * said as a dealer reads it ("1:100" → "1:200"), and confirmed when the server's account event
 * shows the new value.
 */
import type { AccountChange } from '../../shared/actions';
import type { Account, GroupSpec } from '../../shared/domain';
import { isHedging, Retcode, UserRights } from '../../shared/mt5';
import type { StoredAction, StoredUserChange } from '../cache/actions-store';
import type { Channel } from './delivery';
import type { ActionMirror, Actor } from './ports';
import { refusalReason } from './server-replies';
import {
  type ActionContext,
  groupSpec,
  openTrades,
  refuse,
  requireAccount,
  requireGateway,
  requireGroupOf,
  requirePermission,
} from './validation';

/** MT5 accepts leverage 1..500 (`/api/user/update`). */
export const MIN_LEVERAGE = 1;
export const MAX_LEVERAGE = 500;

export interface AccountPlan {
  server: string;
  login: number;
  kind: AccountChange['kind'];
  change: StoredUserChange;
  currency: string;
  before: string;
  after: string;
}

export const leverageText = (leverage: number): string => `1:${leverage}`;
const tradingText = (rights: number): string => ((rights & UserRights.TRADE_DISABLED) === 0 ? 'enabled' : 'disabled');

/** Throws a DeskRequestError unless `leverage` is one MT5 takes. */
export function checkLeverage(leverage: number): void {
  if (!Number.isInteger(leverage) || leverage < MIN_LEVERAGE || leverage > MAX_LEVERAGE) {
    throw refuse(`Leverage must be a whole number from ${MIN_LEVERAGE} to ${MAX_LEVERAGE}, got ${leverage}.`);
  }
}

/** Why the server would refuse moving this account to `to`, or undefined. */
export function groupMoveProblem(
  ctx: ActionContext,
  account: Account,
  server: string,
  from: GroupSpec,
  to: GroupSpec,
): string | undefined {
  const differs: string[] = [];
  if (from.currency !== to.currency) differs.push(`currency (${from.currency} → ${to.currency})`);
  if (isHedging(from.marginMode) !== isHedging(to.marginMode)) {
    differs.push(`margin mode (${marginModeText(from)} → ${marginModeText(to)})`);
  }
  if (differs.length === 0) return undefined;
  const trades = openTrades(ctx, server, account.login);
  if (trades === undefined) return undefined;
  return (
    `Login ${account.login} has ${trades}, so it cannot move from ${from.group} to ${to.group}: ` +
    `the ${differs.join(' and ')} ${differs.length > 1 ? 'differ' : 'differs'}. Close them first.`
  );
}

const marginModeText = (group: GroupSpec) => (isHedging(group.marginMode) ? 'hedging' : 'netting');

/** Validates an account change against the account as the desk knows it; throws a DeskRequestError if refused. */
export function planAccountChange(
  server: string,
  login: number,
  change: AccountChange,
  actor: Actor,
  ctx: ActionContext,
): AccountPlan {
  requirePermission(actor, 'act', 'change accounts');
  requireGateway(ctx, server);
  const account = requireAccount(ctx, server, login);
  const group = requireGroupOf(ctx, server, account);
  const plan = (stored: StoredUserChange, before: string, after: string): AccountPlan => ({
    server,
    login,
    kind: change.kind,
    change: stored,
    currency: group.currency,
    before,
    after,
  });
  switch (change.kind) {
    case 'leverage': {
      checkLeverage(change.leverage);
      if (change.leverage === account.leverage) {
        throw refuse(`Login ${login} already has leverage ${leverageText(account.leverage)}.`);
      }
      return plan({ leverage: change.leverage }, leverageText(account.leverage), leverageText(change.leverage));
    }
    case 'group': {
      const name = change.group.trim();
      const target = groupSpec(ctx, server, name);
      if (!target) throw refuse(`Group '${name}' does not exist on ${server}.`);
      if (name === account.group) throw refuse(`Login ${login} is already in group ${name}.`);
      const problem = groupMoveProblem(ctx, account, server, group, target);
      if (problem) throw refuse(problem);
      return plan({ group: name }, account.group, name);
    }
    case 'trading': {
      const disabled = (account.rights & UserRights.TRADE_DISABLED) !== 0;
      if (change.enabled !== disabled) {
        throw refuse(`Trading is already ${change.enabled ? 'enabled' : 'disabled'} for login ${login}.`);
      }
      const rights = change.enabled
        ? account.rights & ~UserRights.TRADE_DISABLED
        : account.rights | UserRights.TRADE_DISABLED;
      return plan({ rights }, tradingText(account.rights), tradingText(rights));
    }
  }
}

/** The account shows what the change set (for rights: the trade-disabled bit, the one it flips). */
export function changeReached(action: StoredAction, account: Account): boolean {
  const change = action.change;
  if (change === null || account.login !== action.login) return false;
  if (change.leverage !== undefined && account.leverage !== change.leverage) return false;
  if (change.group !== undefined && account.group !== change.group) return false;
  if (
    change.rights !== undefined &&
    (account.rights & UserRights.TRADE_DISABLED) !== (change.rights & UserRights.TRADE_DISABLED)
  ) {
    return false;
  }
  return true;
}

/** How account changes are sent and found again after a lost reply. */
export function accountChannel(mirror: ActionMirror): Channel {
  return {
    send(action, gateway) {
      if (action.change === null) return Promise.reject(new Error(`Action ${action.id} is not an account change.`));
      return gateway.updateUser(action.login, action.change);
    },
    inCache(action) {
      const account = mirror.account(action.server, action.login);
      return account && changeReached(action, account)
        ? { applied: true, confirmed: true, dealTicket: null }
        : { applied: false };
    },
    // A user update sets values rather than adding to them, so sending it again is safe: applied
    // twice it leaves the account as applied once. So when the cache does not show it yet, the
    // server is not asked (the gateway has no user read) and it is simply sent again.
    onServer: async () => ({ applied: false }),
    refusal(action, retcode) {
      const hint =
        action.kind === 'group'
          ? 'the group may not exist, or open trades may prevent a change of currency or margin mode'
          : action.kind === 'leverage'
            ? `leverage must be ${MIN_LEVERAGE}..${MAX_LEVERAGE}`
            : undefined;
      return retcode === Retcode.ERR_PARAMS ? refusalReason(retcode, hint) : refusalReason(retcode);
    },
    confirmed: (action) => `Confirmed: ${action.server} reports ${action.after} for login ${action.login}.`,
  };
}
