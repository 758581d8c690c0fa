/**
 * What a dealer can do to the selected accounts, as menu items: each with its shortcut letter and
 * whether this operator and this selection allow it. Pure, so the menu and the actions bar agree.
 */
import type { AccountRow } from '../../../shared/rows';
import type { ActionDialogKind } from '../../stores/actions-store';

export type AccountCommand = ActionDialogKind | 'client';

export interface AccountMenuItem {
  command: AccountCommand;
  label: string;
  key: string;
  enabled: boolean;
}

export function accountMenuItems(
  accounts: readonly AccountRow[],
  can: { act: boolean; read: boolean },
): AccountMenuItem[] {
  const one = accounts.length === 1;
  const first = accounts[0];
  const trading = first?.tradeDisabled ? 'Enable trading…' : 'Disable trading…';
  return [
    { command: 'balance', label: 'Balance operation…', key: 'B', enabled: can.act && one },
    { command: 'leverage', label: 'Leverage…', key: 'L', enabled: can.act && one },
    { command: 'group', label: 'Group…', key: 'G', enabled: can.act && one },
    { command: 'trading', label: trading, key: 'T', enabled: can.act && one },
    { command: 'client', label: 'Client…', key: 'C', enabled: can.read && one },
    {
      command: 'bulk',
      label: accounts.length > 1 ? `Bulk action on ${accounts.length}…` : 'Bulk action…',
      key: 'K',
      enabled: can.act && accounts.length >= 1,
    },
  ];
}
