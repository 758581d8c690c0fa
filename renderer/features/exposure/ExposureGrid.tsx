/**
 * One exposure tab's grid: rows keyed by id, each snapshot's changed rows applied as an async
 * transaction (ExposureFeeds), sortable, column state kept by the core like the other grids.
 * Click or Enter on a row drills down to the positions behind it.
 */
import type {
  CellKeyDownEvent,
  ColDef,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  RowClickedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { DeskApi } from '../../../shared/contract';
import { keepColumnState } from '../../grids/column-state';
import { columnStateEvents, liveGridOptions, rowSinkOf } from '../../grids/grid-setup';
import type { RowFeed } from '../../grids/row-feed';

export interface ExposureGridProps<T extends { id: string }> {
  desk: DeskApi;
  feed: RowFeed<T>;
  columnDefs: ColDef<T>[];
  layoutKey: string;
  /** data-testid of the grid's container. */
  testId: string;
  onDrill: (row: T) => void;
}

export function ExposureGrid<T extends { id: string }>({
  desk,
  feed,
  columnDefs,
  layoutKey,
  testId,
  onDrill,
}: ExposureGridProps<T>) {
  const apiRef = useRef<GridApi<T> | null>(null);
  const columns = useMemo(() => keepColumnState(desk, layoutKey), [desk, layoutKey]);
  const getRowId = useCallback((p: GetRowIdParams<T>) => p.data.id, []);
  const drillRef = useRef(onDrill);
  drillRef.current = onDrill;

  const onGridReady = useCallback(
    (event: GridReadyEvent<T>) => {
      const api = event.api;
      apiRef.current = api;
      void columns.restore(api as GridApi);
      const detach = feed.attach(rowSinkOf(api));
      api.addEventListener('gridPreDestroyed', () => {
        detach();
        apiRef.current = null;
      });
    },
    [columns, feed],
  );
  useEffect(() => () => columns.dispose(), [columns]);

  const saveColumns = useCallback(() => {
    const api = apiRef.current;
    if (api) columns.changed(api as GridApi);
  }, [columns]);

  const onRowClicked = useCallback((e: RowClickedEvent<T>) => {
    if (e.data) drillRef.current(e.data);
  }, []);
  const onCellKeyDown = useCallback((e: CellKeyDownEvent<T>) => {
    const key = (e.event as KeyboardEvent | null)?.key;
    if (key === 'Enter' && e.data) drillRef.current(e.data);
  }, []);

  return (
    <div className="panel-grid" data-testid={testId}>
      <AgGridReact<T>
        {...liveGridOptions}
        {...columnStateEvents(saveColumns)}
        columnDefs={columnDefs}
        getRowId={getRowId}
        onGridReady={onGridReady}
        onRowClicked={onRowClicked}
        onCellKeyDown={onCellKeyDown}
      />
    </div>
  );
}
