/**
 * What the ipc layer needs from the core (main/core/core.ts): its handlers, its stream deltas and
 * a word when a window goes away. Declared here, structurally, so transports and their tests depend
 * on this small surface rather than on the whole core.
 */
import type { Handlers, StreamName, StreamPayload } from '../../shared/contract';
import type { Actor } from '../../shared/operators';
import type { Refusal } from './router';

export type StreamListener = <K extends StreamName>(
  stream: K,
  payload: StreamPayload<K>,
  /** null: for every window; otherwise only for that window (e.g. its viewport's revaluations). */
  windowId: string | null,
) => void;

export interface DeskCore {
  readonly handlers: Handlers;
  onStream(listener: StreamListener): () => void;
  windowClosed(windowId: string): void;
  /** Who is signed in on a window; streams and non-public requests need someone. */
  operatorOf(windowId: string): Actor | undefined;
  /** A refused attempt to change something (bad input, missing rights), for the audit trail. */
  refused?(refusal: Refusal): void;
}
