/**
 * The third transport (after Electron IPC and WebSocket): a DeskApi in the same process, for
 * tests of the core through the real router and frame batcher. Every payload crosses a copy, as it
 * would cross a process boundary, so a Map, a Date or a function in a reply fails a test here
 * instead of silently turning into `{}` in a dealer's window.
 */

import type { DeskApi, Reply, RequestName } from '../../shared/contract';
import { deskApiOf, streamListeners } from '../../shared/desk-client';
import type { DeskCore } from './desk-core';
import { createHub, type Hub } from './hub';

export const IN_MEMORY_URL = 'memory://desk/';

export interface InMemoryDesk extends DeskApi {
  readonly windowId: string;
  /** Closes this window (and the hub, when the desk made its own). */
  close(): void;
}

/**
 * What both wires do to a value: structuredClone throws on what Electron IPC cannot carry
 * (functions, symbols), and the JSON round trip does what the WebSocket does (Date → string,
 * NaN → null, undefined dropped).
 */
export function wireCopy<T>(value: T): T {
  const cloned = structuredClone(value);
  const text = JSON.stringify(cloned);
  return (text === undefined ? undefined : JSON.parse(text)) as T;
}

export interface InMemoryDeskOptions {
  frameMs?: number;
  log?: (line: string) => void;
}

/** A desk over its own hub: the simple case, one core and one test client. */
export function createInMemoryDesk(core: DeskCore, options: InMemoryDeskOptions = {}): InMemoryDesk {
  const hub = createHub(core, {
    isTrustedSender: (sender) => sender.url === IN_MEMORY_URL,
    checkOutputs: true,
    ...options,
  });
  const desk = openInMemoryWindow(hub);
  return {
    ...desk,
    close() {
      desk.close();
      hub.close();
    },
  };
}

/** Another window on an existing hub: for tests of per-window streams and window close. */
export function openInMemoryWindow(hub: Hub): InMemoryDesk {
  const listeners = streamListeners();
  const windowId = hub.openWindow({
    send(stream, payload) {
      const copy = wireCopy(payload);
      for (const listener of listeners.get(stream) ?? []) listener(copy);
    },
  });

  const request = async (channel: RequestName, input: unknown): Promise<Reply<unknown>> =>
    wireCopy(await hub.request(windowId, channel, wireCopy(input), IN_MEMORY_URL));

  const api = deskApiOf(request, listeners);
  return {
    ...api,
    windowId,
    close: () => hub.closeWindow(windowId),
  };
}
