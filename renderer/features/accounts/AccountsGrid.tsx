import type { DeskApi } from '../../../shared/contract';
import type { AccountRow } from '../../../shared/rows';
import { LiveGrid } from '../../grids/LiveGrid';
import type { RowFeed } from '../../grids/row-feed';
import { accountColumns } from './account-columns';
import { attachAccountActions } from './account-grid-actions';

export interface AccountsGridProps {
  desk: DeskApi;
  feed: RowFeed<AccountRow>;
}

/** Trading accounts with their margin picture; the margin level turns amber, then red, near stop-out. */
export function AccountsGrid({ desk, feed }: AccountsGridProps) {
  return (
    <LiveGrid
      name="accounts"
      desk={desk}
      feed={feed}
      columnDefs={accountColumns}
      layoutKey="accounts.columns"
      onRowsShown={attachAccountActions}
    />
  );
}
