/**
 * A grid that holds only the rows it draws: ag-grid's infinite row model, asking a RowOrder over the
 * feed for the rows of each block it draws. Sorting, column filters, the toolbar's filters and the
 * quick search are the RowOrder's; ag-grid only draws.
 *
 * Why: on the positions grid, opens and closes arrive in nearly every 50 ms frame, and ag-grid's
 * client-side model then passed over the whole book (sort stage, row positions, ~6.6 ms a batch at
 * 21,700 rows, BENCHMARKS.md session 10), and held a row node for every position. Here a batch
 * costs the rows in view: figures are written into the row nodes ag-grid holds, and the blocks it
 * holds are reloaded only when a row in them moved (an open or close above it, or a new ranking).
 */
import type { GridApi, IDatasource, IGetRowsParams, IRowNode, SortModelItem } from 'ag-grid-community';
import type { DeskFilters } from '../stores/desk-store';
import { type ColumnFilterModel, compileColumnFilters, type FilterValueOf } from './column-filter';
import { isDeskFilterActive, matchesDeskFilter, quickSearchOf } from './desk-filter';
import type { AppliedRows, GridModel, LiveRow } from './grid-model';
import { drawnNodes, redraw } from './grid-setup';
import type { RowFeed, RowTransaction } from './row-feed';
import { RowOrder } from './row-order';

export interface WindowedOptions<T> {
  /** The fields the toolbar's quick search looks in. */
  searchFields: readonly (keyof T & string)[];
  /** A column's value as its filter compares it, where that is not the row's field as is. */
  filterValueOf?: FilterValueOf<T>;
}

/**
 * Rows per block ag-grid asks for, and blocks it keeps: a view shows 15 to 40 rows, so one or two
 * blocks are drawn and two more are kept for a scroll back. Every kept row is checked per batch.
 */
const BLOCK_ROWS = 50;
const BLOCKS_KEPT = 4;

/**
 * How long the grid's row count (its scrollbar) may lag the book while the end of the book is out
 * of view. Every change of the row count makes ag-grid measure its scroll height again: a forced
 * layout of ~3 ms in nearly every frame, 1.4 s of the page's 20 s in a CPU profile of the latency
 * bench. An open or close out of view moves no drawn row; the count in the panel header stays live.
 */
export const COUNT_MS = 1_000;

export function windowedModel<T extends LiveRow>(feed: RowFeed<T>, options: WindowedOptions<T>): GridModel<T> {
  const order = new RowOrder<T>(() => feed.values());
  const filterValue: FilterValueOf<T> =
    options.filterValueOf ?? ((colId, row) => (row as Record<string, unknown>)[colId]);
  let sort: readonly SortModelItem[] = [];
  let gridQuery = '';
  let byColumns: ((row: T) => boolean) | null = null;
  let byToolbar: ((row: T) => boolean) | null = null;

  const requery = () => order.setQuery({ sort, keep: allOf([byColumns, byToolbar]) });

  /** The grid's sort and column filters come with every block request; they change only by the dealer. */
  const takeGridQuery = (sortModel: SortModelItem[], filterModel: ColumnFilterModel) => {
    const key = JSON.stringify([sortModel, filterModel]);
    if (key === gridQuery) return;
    byColumns = Object.keys(filterModel).length === 0 ? null : compileColumnFilters(filterModel, filterValue);
    sort = sortModel;
    gridQuery = key;
    requery();
  };

  // The order's list is only read for positions; a row closed and reopened in one batch is a new
  // object in the feed, so figures are always taken from the feed.
  const current = (row: T) => feed.get(row.id) ?? row;

  const datasource: IDatasource = {
    getRows(params: IGetRowsParams) {
      try {
        takeGridQuery(params.sortModel, params.filterModel as ColumnFilterModel);
      } catch (error) {
        console.error(error);
        params.failCallback();
        return;
      }
      const rows = order.rows();
      params.successCallback(rows.slice(params.startRow, params.endRow).map(current), rows.length);
    },
  };

  return {
    options: {
      rowModelType: 'infinite',
      datasource,
      cacheBlockSize: BLOCK_ROWS,
      maxBlocksInCache: BLOCKS_KEPT,
      maxConcurrentDatasourceRequests: -1,
    },
    attach(api, applied) {
      let catchUp: ReturnType<typeof setTimeout> | undefined;
      const apply = (tx: RowTransaction<T>, settle = false) => {
        const countBehind = applyBatch(api, order, tx, applied, settle);
        // The ranking or the row count waits for its interval: catch up then, even if no batch comes.
        const ranking = order.dueIn();
        const due = countBehind ? Math.min(ranking ?? COUNT_MS, COUNT_MS) : ranking;
        if (due === null || catchUp !== undefined) return;
        catchUp = setTimeout(() => {
          catchUp = undefined;
          if (!api.isDestroyed()) apply(NO_ROWS, true);
        }, due);
      };
      const detach = feed.attach({ applyTransaction: apply, applyTransactionAsync: apply });
      return () => {
        clearTimeout(catchUp);
        detach();
      };
    },
    filtersChanged(api, filters: DeskFilters, prev) {
      byToolbar = allOf([
        isDeskFilterActive(filters) ? (row: T) => matchesDeskFilter(row, filters) : null,
        quickSearchOf<T>(filters.quick, options.searchFields),
      ]);
      requery();
      if (prev) api.refreshInfiniteCache();
    },
    count: () => ({ shown: order.rows().length, total: feed.size, filtered: order.isFiltered }),
  };
}

/**
 * One batch: the order takes the opens and closes, the rows ag-grid holds get their new figures,
 * and the blocks it holds are reloaded if a row in them now sits elsewhere. The grid's row count
 * follows at once when the end of the book is drawn or `settle` is set; otherwise this returns true
 * and the caller settles it within COUNT_MS.
 */
function applyBatch<T extends LiveRow>(
  api: GridApi<T>,
  order: RowOrder<T>,
  tx: RowTransaction<T>,
  applied: (rows: () => AppliedRows) => void,
  settle: boolean,
): boolean {
  order.apply(tx.add, tx.update, tx.remove);
  const rows = order.rows();
  const held = new Map<string, IRowNode<T>>();
  let moved = false;
  let lastHeld = -1;
  api.forEachNode((node) => {
    if (node.id === undefined || node.rowIndex === null) return;
    held.set(node.id, node);
    lastHeld = Math.max(lastHeld, node.rowIndex);
    if (rows[node.rowIndex]?.id !== node.id) moved = true;
  });
  const drawn = drawnNodes(api);
  for (const row of tx.update) {
    const node = held.get(row.id);
    if (node) redraw(drawn, node, row);
  }
  const counted = api.getDisplayedRowCount();
  let countBehind = false;
  if (counted !== rows.length) {
    const endDrawn = api.getLastDisplayedRowIndex() >= Math.min(counted, rows.length) - 1;
    countBehind = !moved && !settle && !endDrawn;
    if (!countBehind) {
      api.setRowCount(rows.length, true);
      // A held block that ends the book has no rows past the old end: reload to fill the new ones.
      // Only then: a reload draws every cell of the held rows anew (ag-grid treats it as new data).
      if (rows.length > counted && lastHeld >= counted - 1) moved = true;
    }
  }
  const result = () => ({ add: tx.add.map(asNode), update: tx.update.map(asNode), remove: tx.remove.map(asNode) });
  if (!moved) {
    applied(result);
    return countBehind;
  }
  api.refreshInfiniteCache();
  // The reload runs in ag-grid's own timeouts, queued above: the rows are drawn when this one runs.
  setTimeout(() => applied(result), 0);
  return false;
}

/** A row passes when it passes every test given; null when no test is given. */
function allOf<T>(tests: readonly (((row: T) => boolean) | null)[]): ((row: T) => boolean) | null {
  const given = tests.filter((test) => test !== null);
  if (given.length <= 1) return given[0] ?? null;
  return (row) => given.every((test) => test(row));
}

const NO_ROWS: RowTransaction<never> = { add: [], update: [], remove: [] };

function asNode<T>(data: T): { data: T } {
  return { data };
}
