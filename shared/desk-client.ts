/**
 * The client side of the contract, whatever carries it (WebSocket, in-memory for tests): a
 * DeskApi with one function per request and a typed `subscribe`, built from a transport's
 * `request` and the listeners it delivers stream payloads to.
 */
import {
  type DeskApi,
  type Reply,
  type RequestName,
  requestNames,
  type StreamName,
  type StreamPayload,
  streamNames,
} from './contract';

export type StreamListeners = Map<StreamName, Set<(payload: unknown) => void>>;

/** One empty listener set per stream in the contract. */
export const streamListeners = (): StreamListeners => new Map(streamNames.map((s) => [s, new Set()]));

export function deskApiOf(
  request: (channel: RequestName, input: unknown) => Promise<Reply<unknown>>,
  listeners: StreamListeners,
): DeskApi {
  function subscribe<K extends StreamName>(stream: K, listener: (payload: StreamPayload<K>) => void): () => void {
    const set = listeners.get(stream);
    if (!set) throw new Error(`The desk has no stream named '${String(stream)}'.`);
    const untyped = listener as (payload: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }
  // One function per contract request; the cast is the only place the per-channel types are erased.
  const calls = Object.fromEntries(requestNames.map((name) => [name, (input: unknown) => request(name, input)]));
  return { ...(calls as Omit<DeskApi, 'subscribe'>), subscribe };
}
