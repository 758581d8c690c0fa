/**
 * A grid fed by a RowFeed: rows are keyed by the contract's `id`, stream batches go in as async
 * transactions (ag-grid applies them together every ~50 ms, in step with the core's frames), and
 * the toolbar filters apply as ag-grid's external filter. Column state is kept by the core.
 */
import type { ColDef, GetRowIdParams, GridApi, GridReadyEvent, IRowNode } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { DeskApi } from '../../shared/contract';
import { recordGridFlush } from '../api/debug-handle';
import { type GridName, useDeskStore } from '../stores/desk-store';
import { keepColumnState } from './column-state';
import { type FilterableRow, isDeskFilterActive, matchesDeskFilter } from './desk-filter';
import { columnStateEvents, liveGridOptions, rowSinkOf } from './grid-setup';
import type { RowFeed } from './row-feed';

export interface LiveRow extends FilterableRow {
  id: string;
}

export interface LiveGridProps<T extends LiveRow> {
  name: GridName;
  desk: DeskApi;
  feed: RowFeed<T>;
  columnDefs: ColDef<T>[];
  /** Layout key for the column state, e.g. 'positions.columns'. */
  layoutKey: string;
  /** Called when the rendered rows may have changed (scroll, sort, filter, new data). */
  onRowsShown?: (api: GridApi<T>) => void;
}

export function LiveGrid<T extends LiveRow>({
  name,
  desk,
  feed,
  columnDefs,
  layoutKey,
  onRowsShown,
}: LiveGridProps<T>) {
  const apiRef = useRef<GridApi<T> | null>(null);
  const columns = useMemo(() => keepColumnState(desk, layoutKey), [desk, layoutKey]);
  const getRowId = useCallback((params: GetRowIdParams<T>) => params.data.id, []);
  const setCount = useDeskStore((s) => s.setCount);
  const setLoaded = useDeskStore((s) => s.setLoaded);

  // Read from the store at call time: ag-grid keeps the first function it was given.
  const isExternalFilterPresent = useCallback(() => isDeskFilterActive(useDeskStore.getState().filters), []);
  const doesExternalFilterPass = useCallback(
    (node: IRowNode<T>) => !node.data || matchesDeskFilter(node.data, useDeskStore.getState().filters),
    [],
  );

  const countShown = useCallback(() => {
    const api = apiRef.current;
    if (!api || api.isDestroyed()) return;
    setCount(name, { shown: api.getDisplayedRowCount(), total: feed.size, filtered: api.isAnyFilterPresent() });
    if (feed.isShown) setLoaded(name);
  }, [feed, name, setCount, setLoaded]);

  const onGridReady = useCallback(
    (event: GridReadyEvent<T>) => {
      const api = event.api;
      apiRef.current = api;
      const { filters } = useDeskStore.getState();
      api.setGridOption('quickFilterText', filters.quick);
      void columns.restore(api as GridApi);
      const detach = feed.attach(rowSinkOf(api));
      const offFeed = feed.onChange(countShown);
      countShown();
      api.addEventListener('gridPreDestroyed', () => {
        detach();
        offFeed();
        apiRef.current = null;
      });
    },
    [columns, feed, countShown],
  );

  // Filters live in zustand; the grid re-filters when they change, without a React re-render of it.
  useEffect(
    () =>
      useDeskStore.subscribe((state, prev) => {
        const api = apiRef.current;
        if (!api || api.isDestroyed() || state.filters === prev.filters) return;
        if (state.filters.quick !== prev.filters.quick) api.setGridOption('quickFilterText', state.filters.quick);
        api.onFilterChanged();
      }),
    [],
  );

  useEffect(() => () => columns.dispose(), [columns]);

  const rowsShown = useCallback(() => {
    const api = apiRef.current;
    if (api && onRowsShown) onRowsShown(api);
  }, [onRowsShown]);

  const onModelUpdated = useCallback(() => {
    countShown();
    rowsShown();
  }, [countShown, rowsShown]);

  const saveColumns = useCallback(() => {
    const api = apiRef.current;
    if (api) columns.changed(api as GridApi);
  }, [columns]);

  return (
    <AgGridReact<T>
      {...liveGridOptions}
      {...columnStateEvents(saveColumns)}
      columnDefs={columnDefs}
      getRowId={getRowId}
      onGridReady={onGridReady}
      isExternalFilterPresent={isExternalFilterPresent}
      doesExternalFilterPass={doesExternalFilterPass}
      onModelUpdated={onModelUpdated}
      onAsyncTransactionsFlushed={(e) => recordGridFlush(name, e.results)}
      // A live book always scrolls; without these ag-grid measures the viewport after every
      // transaction, forcing a synchronous layout each frame (8% of the page's time at 20k rows).
      alwaysShowVerticalScroll
      alwaysShowHorizontalScroll
      onViewportChanged={rowsShown}
      onBodyScroll={rowsShown}
      gridId={name}
    />
  );
}
