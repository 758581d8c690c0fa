import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo } from 'react';
import type { DeskApi } from '../../../shared/contract';
import type { PositionRow } from '../../../shared/rows';
import { LiveGrid } from '../../grids/LiveGrid';
import type { RowFeed } from '../../grids/row-feed';
import { createViewportReporter } from '../../grids/viewport-reporter';
import { windowedModel } from '../../grids/windowed-grid';
import { positionColumns, positionFilterValue, positionSearchFields } from './position-columns';

export interface PositionsGridProps {
  desk: DeskApi;
  feed: RowFeed<PositionRow>;
}

/**
 * Open positions across servers, drawn a window at a time (windowed-grid.ts); tells the core which
 * rows are on screen so they tick every frame.
 */
export function PositionsGrid({ desk, feed }: PositionsGridProps) {
  const model = useMemo(
    () => windowedModel(feed, { searchFields: positionSearchFields, filterValueOf: positionFilterValue }),
    [feed],
  );
  const viewport = useMemo(
    () =>
      createViewportReporter((ids) => {
        // A refused viewport only means slower revaluation of these rows; nothing to show a dealer.
        void desk['positions.viewport']({ ids }).catch(() => undefined);
      }),
    [desk],
  );
  useEffect(() => () => viewport.dispose(), [viewport]);
  const onRowsShown = useCallback((api: GridApi<PositionRow>) => viewport.schedule(api), [viewport]);

  return (
    <LiveGrid
      name="positions"
      desk={desk}
      feed={feed}
      columnDefs={positionColumns}
      layoutKey="positions.columns"
      onRowsShown={onRowsShown}
      model={model}
    />
  );
}
