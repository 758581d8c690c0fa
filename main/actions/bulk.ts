/**
 * The same action on many accounts. A dry run validates and previews each account and sends
 * nothing (one 'bulk.dry-run' entry in the trail says it was looked at); the real run sends each
 * through the same path as a single action, each audited on its own, and one refusal does not stop
 * the others.
 */
import {
  type ActionRow,
  type BulkRequest,
  type BulkResult,
  balanceKinds,
  type ImpactPreview,
} from '../../shared/actions';
import { formatMoney } from '../../shared/units';
import type { AccountPlan } from './account-changes';
import type { BalancePlan } from './balance-operations';
import type { ActionAudit, Actor } from './ports';
import type { PreviewChange } from './preview';

type BulkAction = BulkRequest['action'];
type BulkItem = BulkResult['results'][number];

export interface BulkDeps {
  planBalance(
    request: { server: string; login: number; kind: BalanceKindOf; amount: string | number; note: string },
    actor: Actor,
  ): BalancePlan;
  planAccount(
    server: string,
    login: number,
    change: Extract<BulkAction, { kind: 'account' }>['change'],
    actor: Actor,
  ): AccountPlan;
  preview(server: string, login: number, change: PreviewChange): ImpactPreview;
  sendBalance(
    request: { server: string; login: number; kind: BalanceKindOf; amount: string | number; note: string },
    actor: Actor,
  ): Promise<ActionRow>;
  sendAccount(
    request: { server: string; login: number; change: Extract<BulkAction, { kind: 'account' }>['change'] },
    actor: Actor,
  ): Promise<ActionRow>;
  audit: ActionAudit;
}

type BalanceKindOf = Extract<BulkAction, { kind: 'balance' }>['balanceKind'];

export async function runBulk(deps: BulkDeps, request: BulkRequest, actor: Actor): Promise<BulkResult> {
  const results = request.dryRun
    ? request.accounts.map((account) => dryRunOne(deps, account.server, account.login, request.action, actor))
    : await Promise.all(
        request.accounts.map((account) => runOne(deps, account.server, account.login, request.action, actor)),
      );
  const passed = results.filter((r) => r.ok).length;
  const servers = new Set(request.accounts.map((a) => a.server));
  deps.audit.append({
    operator: actor.name,
    action: request.dryRun ? 'bulk.dry-run' : 'bulk.run',
    server: servers.size === 1 ? ([...servers][0] ?? null) : null,
    login: null,
    subject: `${request.accounts.length} accounts`,
    before: null,
    after: {
      action: request.action,
      accounts: request.accounts.map((a) => `${a.server}:${a.login}`),
      ok: passed,
      refused: results.length - passed,
    },
    result: 'ok',
    message: request.dryRun
      ? `Dry run of ${describe(request.action)} on ${results.length} accounts: ${passed} would go through, ${results.length - passed} would be refused. Nothing was sent.`
      : `${describe(request.action)} on ${results.length} accounts: ${passed} sent, ${results.length - passed} refused (each is audited on its own).`,
  });
  return { dryRun: request.dryRun, results };
}

function dryRunOne(deps: BulkDeps, server: string, login: number, action: BulkAction, actor: Actor): BulkItem {
  try {
    if (action.kind === 'balance') {
      const plan = deps.planBalance(
        { server, login, kind: action.balanceKind, amount: action.amount, note: action.note },
        actor,
      );
      const preview = quietly(() =>
        deps.preview(server, login, { kind: 'money', amount: plan.amount, dealAction: plan.dealAction }),
      );
      const approval = plan.fourEyes === null ? '' : '; it would wait for a second operator’s approval';
      return {
        server,
        login,
        ok: true,
        message: `Would book ${balanceKinds[plan.kind].label.toLowerCase()} of ${formatMoney(Math.abs(plan.amount))} ${plan.currency}: ${plan.before} → ${plan.after}${approval}.`,
        preview,
        action: null,
      };
    }
    const plan = deps.planAccount(server, login, action.change, actor);
    return {
      server,
      login,
      ok: true,
      message: `Would change ${plan.kind}: ${plan.before} → ${plan.after}.`,
      preview: quietly(() => deps.preview(server, login, action.change)),
      action: null,
    };
  } catch (error) {
    return { server, login, ok: false, message: messageOf(error), preview: null, action: null };
  }
}

async function runOne(
  deps: BulkDeps,
  server: string,
  login: number,
  action: BulkAction,
  actor: Actor,
): Promise<BulkItem> {
  try {
    const row =
      action.kind === 'balance'
        ? await deps.sendBalance(
            { server, login, kind: action.balanceKind, amount: action.amount, note: action.note },
            actor,
          )
        : await deps.sendAccount({ server, login, change: action.change }, actor);
    const ok = row.state !== 'failed' && row.state !== 'unresolved';
    return { server, login, ok, message: row.error?.message ?? stateText(row), preview: null, action: row };
  } catch (error) {
    return { server, login, ok: false, message: messageOf(error), preview: null, action: null };
  }
}

function stateText(row: ActionRow): string {
  switch (row.state) {
    case 'awaiting-approval':
      return `${row.id} is waiting for a second operator's approval.`;
    case 'confirmed':
      return `${row.id} confirmed${row.dealTicket === null ? '' : ` by deal #${row.dealTicket}`}.`;
    case 'pending':
      return `${row.id} accepted by the server; waiting for its event.`;
    default:
      return `${row.id} is ${row.state}.`;
  }
}

function describe(action: BulkAction): string {
  if (action.kind === 'balance') return `${balanceKinds[action.balanceKind].label.toLowerCase()} of ${action.amount}`;
  const change = action.change;
  if (change.kind === 'leverage') return `leverage 1:${change.leverage}`;
  if (change.kind === 'group') return `move to group ${change.group}`;
  return change.enabled ? 'enable trading' : 'disable trading';
}

function quietly<T>(work: () => T): T | null {
  try {
    return work();
  } catch {
    return null;
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
