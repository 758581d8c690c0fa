/**
 * How a LiveGrid holds its rows. Two ways, one interface:
 * - client-side (accounts): ag-grid holds every row and sorts and filters them itself; the toolbar's
 *   filters are its external filter. Right for a set whose rows rarely come and go.
 * - windowed (positions, windowed-grid.ts): ag-grid holds only the rows it draws, and the desk's own
 *   RowOrder sorts and filters the book. Right for a book where positions open and close every
 *   frame: ag-grid's client-side model passed over every row on each of those batches.
 */
import type { GridApi, GridOptions, IRowNode } from 'ag-grid-community';
import type { FlushedRows } from '../api/debug-handle';
import type { DeskFilters, GridCount } from '../stores/desk-store';
import { type FilterableRow, isDeskFilterActive, matchesDeskFilter } from './desk-filter';
import { frameRowSinkOf } from './grid-setup';
import type { RowFeed } from './row-feed';

export interface LiveRow extends FilterableRow {
  id: string;
}

/** The rows of one batch once the grid has them, as the latency bench records them (debug-handle.ts). */
export type AppliedRows = FlushedRows;

export interface GridModel<T extends LiveRow> {
  /** Options that pick and feed the row model. */
  readonly options: GridOptions<T>;
  /** Feeds the grid from the model's feed; returns the detach. `applied` builds a batch's rows when asked. */
  attach(api: GridApi<T>, applied: (rows: () => AppliedRows) => void): () => void;
  /** The toolbar's filters changed (or were first read, with `prev` null). */
  filtersChanged(api: GridApi<T>, filters: DeskFilters, prev: DeskFilters | null): void;
  count(api: GridApi<T>): GridCount;
}

/** ag-grid's client-side row model, fed by async transactions (grid-setup.ts frameRowSinkOf). */
export function clientSideModel<T extends LiveRow>(feed: RowFeed<T>, filters: () => DeskFilters): GridModel<T> {
  return {
    options: {
      // Read from the store at call time: ag-grid keeps the first function it was given.
      isExternalFilterPresent: () => isDeskFilterActive(filters()),
      doesExternalFilterPass: (node: IRowNode<T>) => !node.data || matchesDeskFilter(node.data, filters()),
    },
    attach: (api, applied) => feed.attach(frameRowSinkOf(api, (result) => applied(() => result))),
    filtersChanged(api, next, prev) {
      if (next.quick !== prev?.quick) api.setGridOption('quickFilterText', next.quick);
      if (prev) api.onFilterChanged();
    },
    count: (api) => ({
      shown: api.getDisplayedRowCount(),
      total: feed.size,
      filtered: api.isAnyFilterPresent(),
    }),
  };
}
