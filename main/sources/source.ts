/**
 * A Source is one MT5 server as the desk sees it: it turns whatever the server speaks into
 * SyncEvents and hands them over in order, with the cursor that follows each batch.
 * Batches are untrusted until the cache has validated them.
 */
import type { ServerId } from '../../shared/domain';
import type { SourceCursor } from '../../shared/events';

export type BatchListener = (events: readonly unknown[], cursor: SourceCursor) => void;

export interface Source {
  readonly server: ServerId;
  readonly kind: 'simulator' | 'mt5-webapi';
  /** Starts streaming from just after `cursor` (EMPTY_CURSOR for a first sync). */
  start(cursor: SourceCursor, onBatch: BatchListener): void;
  stop(): Promise<void>;
}
