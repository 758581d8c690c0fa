import { useMemo } from 'react';
import type { DeskApi } from '../../../shared/contract';
import type { PositionRow } from '../../../shared/rows';
import { LiveGrid } from '../../grids/LiveGrid';
import type { RowFeed } from '../../grids/row-feed';
import { useViewportReport } from '../../grids/use-viewport-report';
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
  const onRowsShown = useViewportReport<PositionRow>(desk, 'positions.viewport');

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
