/**
 * A handle for end-to-end tests, exposed only when the page URL carries `debug=1`:
 *   window.__dealerDesk = { desk, feeds }
 * Tests use it to pause the simulator (`sim.control`) and to ask the core for the same rows the
 * grid shows (`positions.list`), through the page's own client and token. It grants nothing the
 * page could not already do: in browser mode the page holds the token, in Electron `window.desk`
 * is already there.
 */
import type { DeskApi } from '../../shared/contract';
import type { DeskFeeds } from './desk-session';

export interface DealerDeskDebugHandle {
  desk: DeskApi;
  feeds: DeskFeeds;
  /** Set to [] by the latency benchmark to have grid flushes recorded (see recordGridFlush). */
  flushes?: GridFlush[];
}

/** One row as a grid applied it: when it reached the screen, and what it showed. */
export interface GridFlush {
  grid: string;
  id: string;
  at: number;
  removed: boolean;
  lots: number | null;
}

export interface FlushedRows {
  add?: readonly { data?: unknown }[];
  update?: readonly { data?: unknown }[];
  remove?: readonly { data?: unknown }[];
}

/**
 * Records the rows a grid has just applied, only while a benchmark has asked for it. The rows are
 * asked for only then: building them is the grid's cost, not worth paying when nobody records.
 */
export function recordGridFlush(grid: string, applied: () => FlushedRows): void {
  const flushes = window.__dealerDesk?.flushes;
  if (!flushes) return;
  const result = applied();
  const at = Date.now();
  const note = (rows: readonly { data?: unknown }[] | undefined, removed: boolean) => {
    for (const { data } of rows ?? []) {
      const row = data as { id?: unknown; lots?: unknown } | undefined;
      if (typeof row?.id !== 'string') continue;
      flushes.push({ grid, id: row.id, at, removed, lots: typeof row.lots === 'number' ? row.lots : null });
    }
  };
  note(result.add, false);
  note(result.update, false);
  note(result.remove, true);
}

declare global {
  interface Window {
    __dealerDesk?: DealerDeskDebugHandle;
  }
}

export function exposeDebugHandle(desk: DeskApi, feeds: DeskFeeds): void {
  if (new URLSearchParams(location.search).get('debug') !== '1') return;
  window.__dealerDesk = { desk, feeds };
}
