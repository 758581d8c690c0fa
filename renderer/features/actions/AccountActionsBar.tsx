/** The Accounts panel's own buttons: the same commands as the menu, for the selected accounts. */
import { formatCount } from '../../format';
import { useActionsStore } from '../../stores/actions-store';
import { usePermission } from '../../stores/session-store';
import { runAccountCommand } from './account-commands';
import { accountMenuItems } from './account-menu-items';

export function AccountActionsBar() {
  const selected = useActionsStore((s) => s.selected);
  const act = usePermission('act');
  const read = usePermission('read');
  const items = accountMenuItems(selected, { act, read }).filter((i) => act || i.command === 'client');
  return (
    <div className="panel-tools" data-testid="account-actions" data-selected={selected.length}>
      <span className="muted">
        {selected.length === 0
          ? 'Select accounts (Ctrl/Shift+click), right-click or Shift+F10 for actions'
          : `${formatCount(selected.length)} selected`}
      </span>
      {items.map((item) => (
        <button
          key={item.command}
          type="button"
          className="small-button"
          data-testid={`account-action-${item.command}`}
          disabled={!item.enabled}
          onClick={() => runAccountCommand(item.command, selected)}
        >
          {item.command === 'bulk' ? 'Bulk action…' : item.label}
        </button>
      ))}
    </div>
  );
}
