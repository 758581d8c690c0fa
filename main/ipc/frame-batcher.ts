/**
 * Coalesces one window's stream deltas into one batch per stream per core frame (~50 ms; never
 * more than two a frame), keeping only the latest value per row id, and holds everything until the
 * window says it is ready. A burst of 5,000 price updates to the same 200 positions becomes 200
 * rows per frame.
 */
import { type StreamName, type StreamPayload, streamNames } from '../../shared/contract';

export const FRAME_MS = 50;

/**
 * How each stream coalesces. Typed over every stream, so a new stream in the contract does not
 * compile until someone decides how it merges (an ordered list for deals and alerts would be a third kind).
 */
const coalescing: { [K in StreamName]: 'rows' | 'latest' } = {
  positions: 'rows',
  accounts: 'rows',
  status: 'latest',
  exposure: 'latest',
  alerts: 'rows',
  actions: 'rows',
  toxic: 'rows',
};

export interface FrameBatcherOptions {
  send<K extends StreamName>(stream: K, payload: StreamPayload<K>): void;
  /** Back-pressure: when false at flush time the frame is skipped and keeps coalescing. */
  canSend?: () => boolean;
  frameMs?: number;
  log?: (line: string) => void;
}

export interface FrameBatcher {
  push<K extends StreamName>(stream: K, payload: StreamPayload<K>): void;
  /** The window can take streams: flush what was queued at the next frame, then every frame. */
  ready(): void;
  /** The window's operator signed out: drop what is queued and send nothing until `ready` again. */
  hold(): void;
  dispose(): void;
}

interface KeyedRow {
  id: string;
}
/** A row's latest fate this frame: the whole row to upsert, or null to remove it. */
type RowChanges = Map<string, KeyedRow | null>;

export function createFrameBatcher(options: FrameBatcherOptions): FrameBatcher {
  const frameMs = options.frameMs ?? FRAME_MS;
  const minGapMs = Math.round(frameMs / 2);
  const rowChanges = new Map<StreamName, RowChanges>();
  const latest = new Map<StreamName, unknown>();
  let isReady = false;
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** A batch is due at the end of the current turn. */
  let queued = false;
  let lastFlushAt = Number.NEGATIVE_INFINITY;

  function push<K extends StreamName>(stream: K, payload: StreamPayload<K>): void {
    if (disposed) return;
    if (coalescing[stream] === 'rows') {
      mergeRows(stream, payload as { upserts: KeyedRow[]; removes: string[] });
    } else {
      latest.set(stream, payload);
    }
    schedule();
  }

  function mergeRows(stream: StreamName, delta: { upserts: KeyedRow[]; removes: string[] }): void {
    if (delta.upserts.length === 0 && delta.removes.length === 0) return;
    let changes = rowChanges.get(stream);
    if (!changes) {
      changes = new Map();
      rowChanges.set(stream, changes);
    }
    // Removes first, then upserts: a delta that removes and re-adds the same id means "it is back".
    for (const id of delta.removes) changes.set(id, null);
    for (const row of delta.upserts) changes.set(row.id, row);
  }

  /**
   * Paced by the core's frames, with no added wait: a change goes out as soon as the current turn
   * of the event loop is done (`setImmediate`: after the replies it resolved, before the next
   * round of timers; the core pushes a whole frame in one synchronous pass, so it still travels
   * together), unless the last batch left less than half a frame ago; then it waits for that.
   * Not a whole frame: the core's frames start 50 ms apart but push after revaluing the book,
   * which takes 15–35 ms, so two pushes can be 30 ms apart; holding each batch to a whole frame
   * after the one before made every later batch wait for the slowest frame seen (a median 22 ms
   * per batch, measured with bench/screen-latency). Pushes that never stop still go out at most
   * twice a frame.
   */
  function schedule(): void {
    if (!isReady || disposed || queued || timer !== null || !hasPending()) return;
    const wait = lastFlushAt + minGapMs - Date.now();
    if (wait > 0) {
      timer = setTimeout(flush, wait);
      return;
    }
    queued = true;
    setImmediate(() => {
      if (!queued) return; // held or disposed meanwhile
      queued = false;
      flush();
    });
  }

  function hasPending(): boolean {
    return rowChanges.size > 0 || latest.size > 0;
  }

  function flush(): void {
    timer = null;
    if (disposed || !isReady) return;
    if (options.canSend && !options.canSend()) {
      lastFlushAt = Date.now();
      schedule(); // the window is behind: keep merging into the next frame instead of queueing frames
      return;
    }
    lastFlushAt = Date.now();
    for (const stream of streamNames) {
      const payload = takePayload(stream);
      if (payload === undefined) continue;
      try {
        options.send(stream, payload as StreamPayload<typeof stream>);
      } catch (error) {
        // A window torn down mid-frame must not stop the other streams or the core's timer.
        options.log?.(`[ipc] sending '${stream}' failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  function takePayload(stream: StreamName): unknown {
    if (coalescing[stream] === 'latest') {
      if (!latest.has(stream)) return undefined;
      const payload = latest.get(stream);
      latest.delete(stream);
      return payload;
    }
    const changes = rowChanges.get(stream);
    if (!changes) return undefined;
    rowChanges.delete(stream);
    const upserts: KeyedRow[] = [];
    const removes: string[] = [];
    for (const [id, row] of changes) {
      if (row === null) removes.push(id);
      else upserts.push(row);
    }
    return { upserts, removes };
  }

  return {
    push,
    ready() {
      isReady = true;
      schedule();
    },
    hold() {
      isReady = false;
      queued = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      rowChanges.clear();
      latest.clear();
    },
    dispose() {
      disposed = true;
      queued = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      rowChanges.clear();
      latest.clear();
    },
  };
}
