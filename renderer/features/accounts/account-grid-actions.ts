/**
 * Dealer actions on the Accounts grid, attached to the grid's api once it exists (LiveGrid hands
 * it out through `onRowsShown`): several rows can be selected (Ctrl/Shift+click, Space), a right
 * click or Shift+F10 / the Menu key opens the account menu, double-click or Enter opens the client.
 */
import type {
  CellContextMenuEvent,
  CellKeyDownEvent,
  FullWidthCellKeyDownEvent,
  GridApi,
  RowDoubleClickedEvent,
} from 'ag-grid-community';
import type { AccountRow } from '../../../shared/rows';
import { useActionsStore } from '../../stores/actions-store';
import { rememberFocus } from '../actions/account-commands';

const attached = new WeakSet<GridApi>();

/** Selected rows that the filters still show: a bulk action never reaches an account off screen. */
function selectedShown(api: GridApi<AccountRow>): AccountRow[] {
  const rows: AccountRow[] = [];
  api.forEachNodeAfterFilter((node) => {
    if (node.isSelected() && node.data) rows.push(node.data);
  });
  return rows;
}

export function attachAccountActions(api: GridApi<AccountRow>): void {
  if (attached.has(api as GridApi) || api.isDestroyed()) return;
  attached.add(api as GridApi);
  const store = () => useActionsStore.getState();

  api.setGridOption('rowSelection', {
    mode: 'multiRow',
    checkboxes: false,
    headerCheckbox: false,
    enableClickSelection: true,
  });
  api.setGridOption('preventDefaultOnContextMenu', true);

  const publish = () => store().setSelected(selectedShown(api));
  api.addEventListener('selectionChanged', publish);
  api.addEventListener('filterChanged', publish);

  /** The menu acts on the selection; a row outside it becomes the selection, as in a file manager. */
  const openMenuAt = (
    node: { isSelected(): boolean | undefined; setSelected(v: boolean): void },
    x: number,
    y: number,
  ) => {
    if (!node.isSelected()) {
      api.deselectAll();
      node.setSelected(true);
    }
    const accounts = selectedShown(api);
    if (accounts.length === 0) return;
    rememberFocus();
    store().openMenu({ x, y, accounts });
  };

  api.addEventListener('cellContextMenu', (e: CellContextMenuEvent<AccountRow>) => {
    const mouse = e.event as MouseEvent | null | undefined;
    if (!e.node || !e.data || !mouse) return;
    openMenuAt(e.node, mouse.clientX, mouse.clientY);
  });

  api.addEventListener('rowDoubleClicked', (e: RowDoubleClickedEvent<AccountRow>) => {
    if (e.data) store().openDrawer({ server: e.data.server, login: e.data.login });
  });

  api.addEventListener('cellKeyDown', (e: CellKeyDownEvent<AccountRow> | FullWidthCellKeyDownEvent<AccountRow>) => {
    const key = e.event as KeyboardEvent | null | undefined;
    if (!key || !e.data || !e.node) return;
    if (key.key === 'ContextMenu' || (key.key === 'F10' && key.shiftKey)) {
      key.preventDefault();
      const cell = (key.target as HTMLElement | null)?.getBoundingClientRect();
      openMenuAt(e.node, cell ? cell.left + 8 : 100, cell ? cell.bottom : 100);
    } else if (key.key === 'Enter' && !key.ctrlKey && !key.altKey) {
      store().openDrawer({ server: e.data.server, login: e.data.login });
    }
  });
}
