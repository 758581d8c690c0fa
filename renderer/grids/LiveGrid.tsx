/**
 * A grid fed by a RowFeed: rows are keyed by the contract's `id`, and each stream batch (one per core
 * frame, ~50 ms) is applied as it arrives, through the grid's model (grid-model.ts): ag-grid's
 * client-side model by default, or a window over the desk's own row order (windowed-grid.ts).
 * Column state is kept by the core.
 *
 * The grid is ag-grid's own DOM grid (`createGrid`) in a div React owns, not `AgGridReact`: with
 * the React wrapper every changed cell became a React state update and every changed row a
 * `setTimeout` (its column auto-size hook), thousands a second at 20,000 live positions. The
 * hot path stays out of React, as the style guide asks for streamed data.
 */
import {
  type ColDef,
  createGrid,
  type GetRowIdParams,
  type GridApi,
  type GridOptions,
  type GridReadyEvent,
} from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { DeskApi } from '../../shared/contract';
import { recordGridFlush } from '../api/debug-handle';
import { type GridName, useDeskStore } from '../stores/desk-store';
import { keepColumnState } from './column-state';
import { clientSideModel, type GridModel, type LiveRow } from './grid-model';
import { columnStateEvents, liveGridOptions } from './grid-setup';
import './live-grid.css';
import type { RowFeed } from './row-feed';

export type { LiveRow } from './grid-model';

export interface LiveGridProps<T extends LiveRow> {
  name: GridName;
  desk: DeskApi;
  feed: RowFeed<T>;
  columnDefs: ColDef<T>[];
  /** Layout key for the column state, e.g. 'positions.columns'. */
  layoutKey: string;
  /** Called when the rendered rows may have changed (scroll, sort, filter, new data). */
  onRowsShown?: (api: GridApi<T>) => void;
  /** How the grid holds its rows; ag-grid's client-side model when not given. Must be stable. */
  model?: GridModel<T>;
}

export function LiveGrid<T extends LiveRow>({
  name,
  desk,
  feed,
  columnDefs,
  layoutKey,
  onRowsShown,
  model: given,
}: LiveGridProps<T>) {
  const apiRef = useRef<GridApi<T> | null>(null);
  const columns = useMemo(() => keepColumnState(desk, layoutKey), [desk, layoutKey]);
  const getRowId = useCallback((params: GetRowIdParams<T>) => params.data.id, []);
  const setCount = useDeskStore((s) => s.setCount);
  const setLoaded = useDeskStore((s) => s.setLoaded);

  const model = useMemo(() => given ?? clientSideModel(feed, () => useDeskStore.getState().filters), [given, feed]);

  const countShown = useCallback(() => {
    const api = apiRef.current;
    if (!api || api.isDestroyed()) return;
    setCount(name, model.count(api));
    if (feed.isShown) setLoaded(name);
  }, [feed, model, name, setCount, setLoaded]);

  const onGridReady = useCallback(
    (event: GridReadyEvent<T>) => {
      const api = event.api;
      apiRef.current = api;
      model.filtersChanged(api, useDeskStore.getState().filters, null);
      void columns.restore(api as GridApi);
      const detach = model.attach(api, (applied) => recordGridFlush(name, applied));
      const offFeed = feed.onChange(countShown);
      countShown();
      api.addEventListener('gridPreDestroyed', () => {
        detach();
        offFeed();
        apiRef.current = null;
      });
    },
    [columns, feed, model, countShown, name],
  );

  // Filters live in zustand; the grid re-filters when they change, without a React re-render of it.
  useEffect(
    () =>
      useDeskStore.subscribe((state, prev) => {
        const api = apiRef.current;
        if (!api || api.isDestroyed() || state.filters === prev.filters) return;
        model.filtersChanged(api, state.filters, prev.filters);
      }),
    [model],
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

  // ag-grid keeps the functions it was created with: hand it stable ones that call the latest.
  const latest = useRef({ onGridReady, onModelUpdated, rowsShown, saveColumns });
  latest.current = { onGridReady, onModelUpdated, rowsShown, saveColumns };

  const hostRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const options: GridOptions<T> = {
      ...liveGridOptions,
      ...columnStateEvents(() => latest.current.saveColumns()),
      ...model.options,
      columnDefs,
      getRowId,
      onGridReady: (event) => latest.current.onGridReady(event),
      onModelUpdated: () => latest.current.onModelUpdated(),
      // A live book always scrolls; without these ag-grid measures the viewport after every
      // transaction, forcing a synchronous layout each frame (8% of the page's time at 20k rows).
      alwaysShowVerticalScroll: true,
      alwaysShowHorizontalScroll: true,
      // No row is ever pinned here; this picks ag-grid's pinned-row model that reports a height
      // change only when there is one. The default one reports it on every redraw, and each report
      // re-measures the viewport on the next animation frame: two forced layouts per batch.
      enableRowPinning: true,
      onViewportChanged: () => latest.current.rowsShown(),
      onBodyScroll: () => latest.current.rowsShown(),
      gridId: name,
    };
    const api = createGrid(host, options);
    return () => api.destroy();
  }, [name, columnDefs, getRowId, model]);

  return <div ref={hostRef} className="live-grid" />;
}
