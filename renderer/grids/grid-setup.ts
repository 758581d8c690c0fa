/**
 * ag-grid for the whole renderer: modules registered once, and the desk's dark theme.
 *
 * CSP: the Theming API injects its CSS as <style> elements at runtime (and its icons are
 * data: SVG masks), so the host's policy needs `style-src 'self' 'unsafe-inline'` and
 * `img-src 'self' data:`; scripts stay `script-src 'self'` (the build has no inline scripts).
 * A per-launch `styleNonce` grid option could replace 'unsafe-inline' if the host ever hands the
 * page a nonce.
 */
import {
  AllCommunityModule,
  type ColDef,
  colorSchemeDark,
  type GridApi,
  type GridOptions,
  type IRowNode,
  ModuleRegistry,
  type RowDataTransaction,
  type RowNodeTransaction,
  themeQuartz,
} from 'ag-grid-community';
import type { RowSink, RowTransaction } from './row-feed';

ModuleRegistry.registerModules([AllCommunityModule]);

/** Matches the chrome colours in styles.css (--bg, --fg, --accent). */
export const deskGridTheme = themeQuartz.withPart(colorSchemeDark).withParams({
  backgroundColor: '#11151c',
  foregroundColor: '#d7dde8',
  accentColor: '#3d8bfd',
  chromeBackgroundColor: '#161b24',
  headerBackgroundColor: '#1a202b',
  oddRowBackgroundColor: '#131820',
  borderColor: '#262e3b',
  fontFamily: 'inherit',
  fontSize: 12,
  headerFontSize: 12,
  spacing: 4,
  rowVerticalPaddingScale: 0.6,
  wrapperBorderRadius: 0,
  valueChangeValueHighlightBackgroundColor: 'rgba(61, 139, 253, 0.35)',
});

/** Every desk grid's columns: sortable, resizable, filterable. */
export const deskDefaultColDef: ColDef = { sortable: true, resizable: true, filter: true, minWidth: 60 };

/**
 * What every live desk grid sets the same way: rows arrive once per core frame (as async
 * transactions where a grid uses `rowSinkOf`), so ag-grid's default 50 ms wait would only add
 * latency; changed rows re-sort alone (delta sort) instead of all 20,000 every frame; ~15 columns
 * are all rendered, so every figure is in the DOM for keyboard users and tests; rows are not
 * animated (they move on every sort by profit); flashes are short, so they point at what moved
 * instead of lighting whole columns (columns that change every frame do not flash at all).
 *
 * Five rows are kept rendered beyond each edge of the viewport instead of ag-grid's ten: enough
 * for one mouse-wheel notch (about 120 px, five 24 px rows), and every rendered row is revalued and
 * repainted every frame. In the split layout ten rows of buffer were about 40 % of each grid's rendered
 * rows; with four, the page's main thread fell from 49–53 % to 42–45 % of a core on the
 * 20,000-position bench (BENCHMARKS.md, session 7).
 *
 * A flash is lit for 300 ms and then cleared at once, without a fade (see live-grid.css). A fade is
 * a CSS transition on every flashed cell: the page repainted those cells on every animation frame
 * (38 frames a second in a traced run, where the data needs 20) and dispatched its transition events
 * per cell through React's root listener. Without it the page's main thread dropped from 50–58 % to
 * 41–46 % of a core on the 20,000-position bench (BENCHMARKS.md, session 6).
 */
export const liveGridOptions = {
  theme: deskGridTheme,
  defaultColDef: deskDefaultColDef,
  asyncTransactionWaitMillis: 16,
  deltaSort: true,
  suppressColumnVirtualisation: true,
  animateRows: false,
  rowBuffer: 5,
  cellFlashDuration: 300,
  cellFadeDuration: 0,
  rowSelection: { mode: 'singleRow', checkboxes: false, enableClickSelection: true },
} as const satisfies GridOptions;

/** A grid as a RowFeed's sink: the first fill synchronously, the stream as async transactions. */
export function rowSinkOf<T>(api: GridApi<T>): RowSink<T> {
  return {
    applyTransaction: (tx) => api.applyTransaction(tx as RowDataTransaction<T>),
    applyTransactionAsync: (tx) => api.applyTransactionAsync(tx as RowDataTransaction<T>),
  };
}

/**
 * A grid fed by the core's framed row streams (positions, accounts) as a RowFeed's sink: every
 * batch is applied as it arrives. The core already sends at most one batch per ~50 ms frame, so
 * ag-grid's async queue would find nothing to merge; it would only add its wait and a timer hop
 * before the rows reach the screen. `applied` sees what each batch did to the grid.
 *
 * A batch of updates only, while nothing sorts or filters the grid, cannot move or hide a row:
 * its rows are updated in place, which refreshes their cells exactly as a transaction would
 * (ag-grid's transaction calls the same `updateData`), without re-running the row model over the
 * whole book (sort, filter and positions of every row: ~5 ms a batch at 12,000 accounts).
 */
export function frameRowSinkOf<T extends { id: string }>(
  api: GridApi<T>,
  applied?: (result: RowNodeTransaction<T>) => void,
): RowSink<T> {
  const apply = (tx: RowTransaction<T>) => {
    const inPlace =
      tx.add.length === 0 && tx.remove.length === 0 && rowsStayPut(api) ? updateInPlace(api, tx.update) : null;
    const result = inPlace ?? api.applyTransaction(tx as RowDataTransaction<T>);
    if (result && applied) applied(result);
    return result;
  };
  return { applyTransaction: apply, applyTransactionAsync: apply };
}

/** True when no sort and no filter (column, quick or the toolbar's) depend on row values. */
function rowsStayPut<T>(api: GridApi<T>): boolean {
  return !api.isAnyFilterPresent() && !(api.getColumns() ?? []).some((column) => column.getSort());
}

/** Null when a row is not in the grid yet (the caller then falls back to a transaction). */
function updateInPlace<T extends { id: string }>(api: GridApi<T>, rows: readonly T[]): RowNodeTransaction<T> | null {
  const nodes: IRowNode<T>[] = [];
  for (const row of rows) {
    const node = api.getRowNode(row.id);
    if (!node) return null;
    nodes.push(node);
  }
  const drawn = drawnNodes(api);
  for (let i = 0; i < nodes.length; i++) redraw(drawn, nodes[i] as IRowNode<T>, rows[i] as T);
  return { add: [], update: nodes, remove: [] };
}

/** The row nodes ag-grid draws now (the rows in view and its buffer rows). */
export function drawnNodes<T>(api: GridApi<T>): ReadonlySet<IRowNode<T>> {
  return new Set(api.getRenderedNodes());
}

/**
 * Hands a node its row's new figures where that can change what is drawn. The feed refreshes each
 * row object in place (row-feed.ts), so a node holding that very object already has the figures,
 * and one that is not drawn has nothing to redraw: it shows them when it is drawn. ag-grid's
 * `updateData` dispatches an event per node, copying its listener sets; for the rows the core's
 * round-robin slices refresh off screen (~2,000 accounts a second on the latency bench) that was
 * ~24 MB of the page's ~147 MB of allocations in 20 s (BENCHMARKS.md, session 12).
 */
export function redraw<T>(drawn: ReadonlySet<IRowNode<T>>, node: IRowNode<T>, row: T): void {
  if (node.data !== row || drawn.has(node)) node.updateData(row);
}

/** Column-state events that should save the layout (moves and resizes once they finish). */
export function columnStateEvents(save: () => void) {
  return {
    onSortChanged: save,
    onColumnMoved: (e: { finished: boolean }) => e.finished && save(),
    onColumnResized: (e: { finished: boolean }) => e.finished && save(),
    onColumnVisible: save,
    onColumnPinned: save,
  };
}
