/**
 * One live row set (positions or accounts) between the core's stream and a grid.
 *
 * Ordering: the session subscribes BEFORE it asks for the snapshot, so no change can fall between
 * the two. Batches that arrive before the snapshot reply are folded (last operation per id wins)
 * and replayed on top of the snapshot, in arrival order. Replaying is always safe because batches
 * carry whole rows and removes: a batch older than the snapshot is overwritten by the later
 * batch for the same row that the core must send after it, and a row closed before the snapshot
 * is removed again by its remove. Dropping early batches instead would lose a close that the core
 * flushed between computing the snapshot and sending it, leaving a ghost position on screen.
 *
 * The feed keeps a mirror of the rows (by id) so it can tell a grid add from an update, never sends
 * a remove for a row the grid does not have, and can refill a grid that is mounted again later.
 * The mirror and the grid hold the same row objects, and an update refreshes them in place
 * (see refreshInPlace): a row read from the feed or the grid always shows the latest figures.
 */
import type { RowDelta } from '../../shared/rows';

export interface KeyedRow {
  id: string;
}

/** What a grid transaction carries; matches ag-grid's RowDataTransaction without importing it here. */
export interface RowTransaction<T> {
  add: T[];
  update: T[];
  remove: T[];
}

/** The grid side: ag-grid's api satisfies this (sync for the first fill, async for the stream). */
export interface RowSink<T> {
  applyTransaction(tx: RowTransaction<T>): unknown;
  applyTransactionAsync(tx: RowTransaction<T>): unknown;
}

export type FeedListener = () => void;

export class RowFeed<T extends KeyedRow> {
  private readonly rows = new Map<string, T>();
  /** Operations seen before the snapshot: a row, or null for a remove. */
  private readonly early = new Map<string, T | null>();
  private loaded = false;
  /** True until the first snapshot, and again after a reconnect until its new snapshot. */
  private awaitingSnapshot = true;
  private sink: RowSink<T> | null = null;
  private readonly listeners = new Set<FeedListener>();

  get isLoaded(): boolean {
    return this.loaded;
  }

  get size(): number {
    return this.rows.size;
  }

  get(id: string): T | undefined {
    return this.rows.get(id);
  }

  values(): IterableIterator<T> {
    return this.rows.values();
  }

  /** One stream batch from the core. */
  push(delta: RowDelta<T>): void {
    if (this.awaitingSnapshot) {
      for (const id of delta.removes) this.early.set(id, null);
      for (const row of delta.upserts) this.early.set(row.id, row);
      return;
    }
    const tx = this.fold(delta.upserts, delta.removes);
    if (tx.add.length + tx.update.length + tx.remove.length === 0) return;
    this.sink?.applyTransactionAsync(tx);
    if (tx.add.length > 0 || tx.remove.length > 0) this.emit();
  }

  /** The snapshot reply; later snapshots (a reconnect) replace the set and reconcile the grid. */
  load(snapshot: readonly T[]): void {
    const before = this.loaded ? new Map(this.rows) : null;
    this.rows.clear();
    for (const row of snapshot) this.rows.set(row.id, row);
    for (const [id, row] of this.early) {
      if (row) this.rows.set(id, row);
      else this.rows.delete(id);
    }
    this.early.clear();
    this.loaded = true;
    this.awaitingSnapshot = false;
    if (this.sink) this.sink.applyTransaction(before ? diff(before, this.rows) : fill(this.rows));
    this.emit();
  }

  /**
   * The connection was lost and the core will treat this window as new: keep showing the rows we
   * have, fold batches from now on, and reconcile when the fresh snapshot comes.
   */
  resync(): void {
    this.awaitingSnapshot = true;
    this.early.clear();
  }

  /** A grid is ready; it gets every row now (if loaded) and every batch from here on. */
  attach(sink: RowSink<T>): () => void {
    this.sink = sink;
    if (this.loaded && this.rows.size > 0) sink.applyTransaction(fill(this.rows));
    this.emit();
    return () => {
      if (this.sink === sink) this.sink = null;
    };
  }

  get isShown(): boolean {
    return this.loaded && this.sink !== null;
  }

  onChange(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Removes first, then upserts, as the core's frame batcher reads a delta (main/ipc/frame-batcher.ts):
   * an id in both means the row is back. The batcher never sends both for one id; the order only
   * has to agree with it so the two ends cannot disagree about a row.
   */
  private fold(upserts: readonly T[], removes: readonly string[]): RowTransaction<T> {
    const removed = new Map<string, T>();
    for (const id of removes) {
      const row = this.rows.get(id);
      if (!row) continue;
      this.rows.delete(id);
      removed.set(id, row);
    }
    const added = new Map<string, T>();
    const updated = new Map<string, T>();
    for (const row of upserts) {
      if (removed.delete(row.id))
        updated.set(row.id, row); // removed and back in one frame: still on the grid
      else if (added.has(row.id) || !this.rows.has(row.id)) added.set(row.id, row);
      else {
        const kept = this.rows.get(row.id) as T;
        refreshInPlace(kept, row);
        updated.set(row.id, kept);
        continue;
      }
      this.rows.set(row.id, row);
    }
    return { add: [...added.values()], update: [...updated.values()], remove: [...removed.values()] };
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

function fill<T>(rows: Map<string, T>): RowTransaction<T> {
  return { add: [...rows.values()], update: [], remove: [] };
}

function diff<T>(before: Map<string, T>, after: Map<string, T>): RowTransaction<T> {
  const tx: RowTransaction<T> = { add: [], update: [], remove: [] };
  for (const [id, row] of after) (before.has(id) ? tx.update : tx.add).push(row);
  for (const [id, row] of before) if (!after.has(id)) tx.remove.push(row);
  return tx;
}

/**
 * Writes a streamed row's figures into the row the grid already holds, field by field, and only
 * where they differ. Why not hand the grid the new object: the core re-sends every row every ~10 s
 * (its round-robin slice) and the viewport's rows every frame, about 4,600 rows a second on the
 * 20,000-position bench. Kept as new objects, each one outlived a scavenge, was copied into V8's
 * old space and died there seconds later. Refreshed in place, the parsed row dies young and no
 * scavenge copies it: the page's scavenge pauses, which land inside a frame's task, fell by about
 * half (BENCHMARKS.md, session 10). ag-grid compares each cell's value with the one it shows, so
 * an updated row object still refreshes and flashes exactly the cells that changed.
 * A field the new row no longer carries (an optional one) is cleared, as a new object would have it.
 */
function refreshInPlace<T extends object>(kept: T, fresh: T): void {
  const into = kept as Record<string, unknown>;
  const from = fresh as Record<string, unknown>;
  for (const key in from) if (into[key] !== from[key]) into[key] = from[key];
  for (const key in into) if (!(key in from) && into[key] !== undefined) into[key] = undefined;
}
