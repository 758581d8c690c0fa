import type { AccountRow } from '../../../shared/rows';
import { useActionsStore } from '../../stores/actions-store';
import type { AccountCommand } from './account-menu-items';

/** Where the keyboard was before the menu opened (a grid cell), to go back there after a dialog. */
let returnTo: HTMLElement | null = null;

export function rememberFocus(): void {
  returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
}

export function restoreFocus(): void {
  const target = returnTo;
  returnTo = null;
  if (target?.isConnected) target.focus();
}

/** Runs a menu or toolbar command on the accounts it was chosen for. */
export function runAccountCommand(command: AccountCommand, accounts: AccountRow[]): void {
  const store = useActionsStore.getState();
  const first = accounts[0];
  if (!first) return;
  if (command === 'client') store.openDrawer({ server: first.server, login: first.login });
  else store.openDialog(command, command === 'bulk' ? accounts : [first]);
}
