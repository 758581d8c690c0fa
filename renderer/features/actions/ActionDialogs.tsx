/** Whichever action dialog is open (one at a time), over every panel. */
import { useActionsStore } from '../../stores/actions-store';
import { AccountChangeDialog } from './AccountChangeDialog';
import { restoreFocus } from './account-commands';
import { BalanceDialog } from './BalanceDialog';
import { BulkDialog } from './BulkDialog';

export function ActionDialogs() {
  const dialog = useActionsStore((s) => s.dialog);
  const closeDialog = useActionsStore((s) => s.closeDialog);
  // Back to the grid cell the dealer started from, so the keyboard carries on where it was.
  const close = () => {
    closeDialog();
    requestAnimationFrame(restoreFocus);
  };
  const first = dialog?.accounts[0];
  if (!dialog || !first) return null;
  switch (dialog.kind) {
    case 'balance':
      return <BalanceDialog key={first.id} account={first} onClose={close} />;
    case 'bulk':
      return <BulkDialog accounts={dialog.accounts} onClose={close} />;
    default:
      return (
        <AccountChangeDialog key={`${dialog.kind}:${first.id}`} kind={dialog.kind} account={first} onClose={close} />
      );
  }
}
