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
  ModuleRegistry,
  type RowDataTransaction,
  themeQuartz,
} from 'ag-grid-community';
import type { RowSink } from './row-feed';

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
 * What every live desk grid sets the same way: rows arrive as async transactions once per core
 * frame, so ag-grid's default 50 ms wait would only add latency; changed rows re-sort alone
 * (delta sort) instead of all 20,000 every frame; ~15 columns are all rendered, so every figure is
 * in the DOM for keyboard users and tests; rows are not animated (they move on every sort by
 * profit); flashes are short, so at accelerated sim speeds they point at what moved instead of
 * lighting whole columns.
 */
export const liveGridOptions = {
  theme: deskGridTheme,
  defaultColDef: deskDefaultColDef,
  asyncTransactionWaitMillis: 16,
  deltaSort: true,
  suppressColumnVirtualisation: true,
  animateRows: false,
  cellFlashDuration: 150,
  cellFadeDuration: 350,
  rowSelection: { mode: 'singleRow', checkboxes: false, enableClickSelection: true },
} as const satisfies GridOptions;

/** A grid as a RowFeed's sink: the first fill synchronously, the stream as async transactions. */
export function rowSinkOf<T>(api: GridApi<T>): RowSink<T> {
  return {
    applyTransaction: (tx) => api.applyTransaction(tx as RowDataTransaction<T>),
    applyTransactionAsync: (tx) => api.applyTransactionAsync(tx as RowDataTransaction<T>),
  };
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
