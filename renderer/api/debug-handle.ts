/**
 * A handle for end-to-end tests and the latency benchmark, exposed only when the page URL carries
 * `debug=1`: `window.__dealerDesk = { desk, feeds, startFlushLog }`.
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
  /** The latency benchmark's record of grid flushes, once it has called startFlushLog. */
  flushLog?: FlushLog;
  /** Starts recording grid flushes (see recordGridFlush), dropping any earlier record. */
  startFlushLog(): void;
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
 * The benchmark's record of grid flushes, kept as columns: the row's own id string (no copy),
 * and times and lots in arrays of plain doubles. Why not an object per flush: the grids apply
 * ~4,600 rows a second, and 20 s of small objects outlived every scavenge into V8's old space,
 * growing the very heap whose collections the benchmark counts as long tasks (BENCHMARKS.md,
 * session 12). Objects are built only when the benchmark reads the record.
 */
export class FlushLog {
  private readonly grids: string[] = [];
  private readonly ids: string[] = [];
  private readonly times: number[] = [];
  /** NaN for no lots; a removal is stored as -1 (lots are never negative). */
  private readonly lots: number[] = [];

  add(grid: string, id: string, at: number, removed: boolean, lots: number | null): void {
    this.grids.push(grid);
    this.ids.push(id);
    this.times.push(at);
    this.lots.push(removed ? -1 : (lots ?? Number.NaN));
  }

  entries(): GridFlush[] {
    return this.ids.map((id, i) => {
      const lots = this.lots[i] as number;
      const removed = lots === -1;
      return {
        grid: this.grids[i] as string,
        id,
        at: this.times[i] as number,
        removed,
        lots: removed || Number.isNaN(lots) ? null : lots,
      };
    });
  }
}

/**
 * Records the rows a grid has just applied, only while a benchmark has asked for it. The rows are
 * asked for only then: building them is the grid's cost, not worth paying when nobody records.
 */
export function recordGridFlush(grid: string, applied: () => FlushedRows): void {
  const log = window.__dealerDesk?.flushLog;
  if (!log) return;
  const result = applied();
  const at = Date.now();
  const note = (rows: readonly { data?: unknown }[] | undefined, removed: boolean) => {
    for (const { data } of rows ?? []) {
      const row = data as { id?: unknown; lots?: unknown } | undefined;
      if (typeof row?.id !== 'string') continue;
      log.add(grid, row.id, at, removed, typeof row.lots === 'number' ? row.lots : null);
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
  const handle: DealerDeskDebugHandle = {
    desk,
    feeds,
    startFlushLog() {
      handle.flushLog = new FlushLog();
    },
  };
  window.__dealerDesk = handle;
}
