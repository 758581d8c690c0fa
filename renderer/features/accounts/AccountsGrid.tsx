import type { GridApi } from 'ag-grid-community';
import { useCallback } from 'react';
import type { DeskApi } from '../../../shared/contract';
import type { AccountRow } from '../../../shared/rows';
import { LiveGrid } from '../../grids/LiveGrid';
import type { RowFeed } from '../../grids/row-feed';
import { useViewportReport } from '../../grids/use-viewport-report';
import { accountColumns } from './account-columns';
import { attachAccountActions } from './account-grid-actions';

export interface AccountsGridProps {
  desk: DeskApi;
  feed: RowFeed<AccountRow>;
}

/**
 * Trading accounts with their margin picture; the margin level turns amber, then red, near stop-out.
 * The accounts in view move every frame their equity or margin does (the core is told which they
 * are); the rest follow the core's round-robin slices.
 */
export function AccountsGrid({ desk, feed }: AccountsGridProps) {
  const reportViewport = useViewportReport<AccountRow>(desk, 'accounts.viewport');
  const onRowsShown = useCallback(
    (api: GridApi<AccountRow>) => {
      attachAccountActions(api);
      reportViewport(api);
    },
    [reportViewport],
  );
  return (
    <LiveGrid
      name="accounts"
      desk={desk}
      feed={feed}
      columnDefs={accountColumns}
      layoutKey="accounts.columns"
      onRowsShown={onRowsShown}
    />
  );
}
