/**
 * The bulk dialog's choice of action, as the contract's `actions.bulk` action, and how a result
 * list reads (how many would go, how many were refused).
 */
import type { BalanceKind, BulkRequest, BulkResult } from '../../../shared/actions';
import { balanceKinds } from '../../../shared/actions';

export type BulkChoice = BalanceKind | 'leverage' | 'group' | 'trading-off' | 'trading-on';

export const bulkChoiceLabels: Record<BulkChoice, string> = {
  ...(Object.fromEntries(Object.entries(balanceKinds).map(([k, v]) => [k, v.label])) as Record<BalanceKind, string>),
  leverage: 'Change leverage',
  group: 'Move to group',
  'trading-off': 'Disable trading',
  'trading-on': 'Enable trading',
};

export interface BulkForm {
  choice: BulkChoice;
  amount: string;
  note: string;
  leverage: string;
  group: string;
}

export type BulkActionOrProblem = { ok: true; action: BulkRequest['action'] } | { ok: false; message: string };

export function bulkAction(form: BulkForm): BulkActionOrProblem {
  switch (form.choice) {
    case 'leverage': {
      const leverage = Number(form.leverage.replace(/^\s*1\s*:\s*/, '').trim());
      if (!Number.isInteger(leverage) || leverage < 1) return { ok: false, message: 'Type a leverage, e.g. 200.' };
      return { ok: true, action: { kind: 'account', change: { kind: 'leverage', leverage } } };
    }
    case 'group':
      if (!form.group) return { ok: false, message: 'Choose a group.' };
      return { ok: true, action: { kind: 'account', change: { kind: 'group', group: form.group } } };
    case 'trading-off':
      return { ok: true, action: { kind: 'account', change: { kind: 'trading', enabled: false } } };
    case 'trading-on':
      return { ok: true, action: { kind: 'account', change: { kind: 'trading', enabled: true } } };
    default:
      if (form.amount.trim() === '') return { ok: false, message: 'Type an amount.' };
      return {
        ok: true,
        action: { kind: 'balance', balanceKind: form.choice, amount: form.amount.trim(), note: form.note },
      };
  }
}

export function summariseBulk(result: BulkResult): string {
  const ok = result.results.filter((r) => r.ok).length;
  const refused = result.results.length - ok;
  const verb = result.dryRun ? 'would go' : 'sent';
  return `${ok} of ${result.results.length} ${verb}${refused > 0 ? `, ${refused} refused` : ''}`;
}
