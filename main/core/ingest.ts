/**
 * The path of one batch (ARCHITECTURE.md §1): a source's raw events are validated and applied
 * by the cache in one transaction with the cursor; what actually changed goes to the engines.
 */
import type { ServerId } from '../../shared/domain';
import type { SourceCursor } from '../../shared/events';
import type { ApplyResult, MirrorCache } from '../cache';
import type { DeskBook } from '../engines/book/book';
import type { StatusBoard } from './status';

export interface IngestTotals {
  events: number;
  applied: number;
  duplicates: number;
  stale: number;
  deadLettered: number;
}

/** `receivedAt`: wall-clock ms when the source handed the batch over, before it was applied. */
export type AppliedListener = (server: ServerId, result: ApplyResult, receivedAt: number) => void;

export class Ingest {
  readonly totals: IngestTotals = { events: 0, applied: 0, duplicates: 0, stale: 0, deadLettered: 0 };
  private readonly listeners = new Set<AppliedListener>();

  constructor(
    private readonly mirror: MirrorCache,
    private readonly book: DeskBook,
    private readonly status: StatusBoard,
  ) {}

  /** Called with what the cache applied, after the book has seen it (for later engines and benchmarks). */
  onApplied(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  batch(server: ServerId, rawEvents: readonly unknown[], cursor: SourceCursor): void {
    const receivedAt = Date.now();
    const result = this.mirror.applyBatch(server, rawEvents, cursor);
    this.book.apply(result.applied);
    for (const event of result.applied) {
      if (event.type === 'source.status') this.status.reported(server, event.state, event.lagMs, event.message);
    }
    this.status.received(server, rawEvents.length);
    this.totals.events += rawEvents.length;
    this.totals.applied += result.applied.length;
    this.totals.duplicates += result.duplicates;
    this.totals.stale += result.stale;
    this.totals.deadLettered += result.deadLettered;
    for (const listener of this.listeners) listener(server, result, receivedAt);
  }
}
