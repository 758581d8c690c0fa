/**
 * What a change would do to an account before it is sent: equity, margin, free margin and margin
 * level before and after, the group's margin-call and stop-out levels, the worst line it would
 * cross, and anything that would make the server refuse it.
 *
 * Leverage and group come from the book's what-if (the same positions at the same quotes, margined
 * again); money moves equity by its amount and leaves margin as it is. Levels follow the group's
 * MarginSOMode: percent compares the margin level, money compares equity (as the book's
 * `marginStateOf` does), so `crosses` is right in both modes.
 */
import type { ImpactPreview } from '../../shared/actions';
import type { GroupSpec, Login, ServerId } from '../../shared/domain';
import { CREDIT_ACTIONS, isHedging, MarginSOMode } from '../../shared/mt5';
import type { MarginState } from '../../shared/rows';
import { formatMoney, type Money } from '../../shared/units';
import { marginStateOf } from '../engines/book/valuation';
import { checkLeverage, groupMoveProblem, leverageText } from './account-changes';
import { parseAmount } from './amounts';
import {
  type ActionContext,
  groupSpec,
  openTrades,
  refuse,
  requireAccount,
  requireGateway,
  requireGroupOf,
} from './validation';

export type PreviewChange =
  | { kind: 'leverage'; leverage: number }
  | { kind: 'group'; group: string }
  | { kind: 'trading'; enabled: boolean }
  | { kind: 'withdrawal'; amount: string | number }
  /** A balance operation of any kind, already parsed: signed cents and its deal action (bulk dry runs). */
  | { kind: 'money'; amount: Money; dealAction: number };

interface Figures {
  equity: Money;
  margin: Money;
}

const RANK: Record<MarginState, number> = { ok: 0, margin_call: 1, stop_out: 2 };
const CROSSES = { ok: 'none', margin_call: 'margin-call', stop_out: 'stop-out' } as const;

/** The impact of `change` on `login`; throws a DeskRequestError for an unknown account or a bad change. */
export function previewImpact(
  ctx: ActionContext,
  server: ServerId,
  login: Login,
  change: PreviewChange,
): ImpactPreview {
  requireGateway(ctx, server);
  const account = requireAccount(ctx, server, login);
  const group = requireGroupOf(ctx, server, account);
  const live = ctx.book.accountFigures(server, login);
  const before: Figures = live ?? { equity: account.equity, margin: account.margin };
  const warnings: string[] = [];
  let after: Figures = before;
  let levels: GroupSpec = group;

  switch (change.kind) {
    case 'leverage': {
      checkLeverage(change.leverage);
      if (change.leverage === account.leverage) warnings.push(`Leverage is already ${leverageText(change.leverage)}.`);
      after = ctx.book.whatIf(server, login, { leverage: change.leverage }) ?? before;
      break;
    }
    case 'group': {
      const target = groupSpec(ctx, server, change.group.trim());
      if (!target) throw refuse(`Group '${change.group}' does not exist on ${server}.`);
      const whatIf = ctx.book.whatIf(server, login, { group: target.group });
      after = whatIf ?? before;
      levels = whatIf?.group ?? target;
      const problem = groupMoveProblem(ctx, account, server, group, target);
      if (problem) warnings.push(`The server will refuse this: ${problem}`);
      if (target.currency !== group.currency) {
        warnings.push(
          `Group currency differs (${group.currency} → ${target.currency}): the balance is not converted, ` +
            `so ${formatMoney(account.balance)} ${group.currency} would read as ${formatMoney(account.balance)} ${target.currency}.`,
        );
      }
      if (isHedging(target.marginMode) !== isHedging(group.marginMode)) {
        warnings.push(
          `Margin mode differs (${isHedging(group.marginMode) ? 'hedging' : 'netting'} → ${isHedging(target.marginMode) ? 'hedging' : 'netting'}).`,
        );
      }
      break;
    }
    case 'trading': {
      if (!change.enabled) {
        const trades = openTrades(ctx, server, login);
        if (trades)
          warnings.push(`Disabling trading does not close the ${trades}; the client can no longer manage them.`);
      }
      break;
    }
    case 'withdrawal':
    case 'money': {
      let amount: Money;
      let toCredit = false;
      if (change.kind === 'withdrawal') {
        const parsed = parseAmount(change.amount, { signed: false });
        if (!parsed.ok) throw refuse(parsed.message);
        amount = -parsed.cents;
      } else {
        amount = change.amount;
        toCredit = CREDIT_ACTIONS.has(change.dealAction);
      }
      after = { equity: before.equity + amount, margin: before.margin };
      if (amount < 0) warnings.push(...withdrawalWarnings(-amount, toCredit, account, before, group.currency));
      break;
    }
  }

  const stateBefore = marginStateOf(group, before.equity, before.margin);
  const stateAfter = marginStateOf(levels, after.equity, after.margin);
  const crosses = RANK[stateAfter] > RANK[stateBefore] ? CROSSES[stateAfter] : 'none';
  if (crosses !== 'none') {
    warnings.push(
      `This takes the account into ${crosses === 'stop-out' ? 'stop-out' : 'margin call'} ` +
        `(${levelText(levels, after)} against ${crosses === 'stop-out' ? 'a stop-out' : 'a margin-call'} level of ${limitText(levels, crosses)}).`,
    );
  } else if (stateAfter !== 'ok') {
    warnings.push(`The account is already in ${stateAfter === 'stop_out' ? 'stop-out' : 'margin call'} territory.`);
  }
  if (levels.marginSOMode === MarginSOMode.MONEY) {
    warnings.push(
      `Group ${levels.group} sets its margin-call and stop-out levels in money (${levels.currency}), not percent.`,
    );
  }

  return {
    server,
    login,
    currency: group.currency,
    before: figuresOf(before),
    after: figuresOf(after),
    marginCallLevel: levels.marginCall,
    stopOutLevel: levels.marginStopOut,
    crosses,
    warnings,
  };
}

function withdrawalWarnings(
  amount: Money,
  toCredit: boolean,
  account: { balance: Money; credit: Money },
  figures: Figures,
  currency: string,
): string[] {
  const warnings: string[] = [];
  const available = toCredit ? account.credit : account.balance;
  const free = figures.equity - figures.margin;
  if (amount > available) {
    warnings.push(
      `It is above the ${toCredit ? 'credit' : 'balance'} (${formatMoney(available)} ${currency}): the server will refuse it (retcode 10019).`,
    );
  } else if (amount > free) {
    warnings.push(
      `A withdrawal above free margin (${formatMoney(free)} ${currency}) will be refused by the server (retcode 10019).`,
    );
  }
  return warnings;
}

function figuresOf({ equity, margin }: Figures): ImpactPreview['before'] {
  return { equity, margin, marginFree: equity - margin, marginLevel: margin > 0 ? (equity / margin) * 100 : null };
}

function levelText(group: GroupSpec, figures: Figures): string {
  if (group.marginSOMode === MarginSOMode.MONEY) return `equity ${formatMoney(figures.equity)} ${group.currency}`;
  return figures.margin > 0 ? `margin level ${((figures.equity / figures.margin) * 100).toFixed(1)}%` : 'no margin';
}

function limitText(group: GroupSpec, crosses: 'margin-call' | 'stop-out'): string {
  const level = crosses === 'stop-out' ? group.marginStopOut : group.marginCall;
  return group.marginSOMode === MarginSOMode.MONEY ? `${formatMoney(level * 100)} ${group.currency}` : `${level}%`;
}
