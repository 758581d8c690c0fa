/**
 * Connects one core to N windows. Each window (an Electron BrowserWindow, a browser tab over
 * WebSocket, an in-memory test client) gets a window id, its own frame batcher and the shared
 * router. Transports only move bytes; everything a window may do is decided here and in the router.
 */
import type { Reply, StreamName, StreamPayload } from '../../shared/contract';
import type { DeskCore } from './desk-core';
import { createFrameBatcher, type FrameBatcher } from './frame-batcher';
import { createRouter, type Sender } from './router';

/** How the hub reaches one window. */
export interface WindowTransport {
  send<K extends StreamName>(stream: K, payload: StreamPayload<K>): void;
  /** False while the window is behind (e.g. a full socket buffer): frames keep coalescing meanwhile. */
  canSend?: () => boolean;
}

export interface HubOptions {
  /** The transport's own check of where a request came from (page URL); the hub adds "is the window open". */
  isTrustedSender(sender: Sender): boolean;
  frameMs?: number;
  checkOutputs?: boolean;
  log?: (line: string) => void;
}

export interface Hub {
  openWindow(transport: WindowTransport): string;
  request(windowId: string, channel: string, rawInput: unknown, senderUrl: string): Promise<Reply<unknown>>;
  closeWindow(windowId: string): void;
  readonly openWindows: number;
  close(): void;
}

// Process-wide, so two hubs on one core (tests) never hand out the same window id.
let windowCounter = 0;

export function createHub(core: DeskCore, options: HubOptions): Hub {
  const batchers = new Map<string, FrameBatcher>();
  const router = createRouter(core.handlers, {
    isTrustedSender: (sender) => batchers.has(sender.windowId) && options.isTrustedSender(sender),
    operatorOf: (windowId) => core.operatorOf(windowId),
    onRefused: (refusal) => core.refused?.(refusal),
    checkOutputs: options.checkOutputs,
    log: options.log,
  });

  // A window whose operator signed out (or was disabled) gets nothing more until it signs in again.
  const pushTo = <K extends StreamName>(
    windowId: string,
    batcher: FrameBatcher,
    stream: K,
    payload: StreamPayload<K>,
  ) => {
    if (core.operatorOf(windowId) === undefined) batcher.hold();
    else batcher.push(stream, payload);
  };
  const stopListening = core.onStream((stream, payload, windowId) => {
    if (windowId === null) {
      for (const [id, batcher] of batchers) pushTo(id, batcher, stream, payload);
    } else {
      const batcher = batchers.get(windowId);
      if (batcher) pushTo(windowId, batcher, stream, payload);
    }
  });

  function openWindow(transport: WindowTransport): string {
    windowCounter += 1;
    const windowId = `window-${windowCounter}`;
    batchers.set(
      windowId,
      createFrameBatcher({
        send: (stream, payload) => transport.send(stream, payload),
        canSend: transport.canSend,
        frameMs: options.frameMs,
        log: options.log,
      }),
    );
    return windowId;
  }

  async function request(windowId: string, channel: string, rawInput: unknown, senderUrl: string) {
    const reply = await router.handle(channel, rawInput, { windowId, url: senderUrl });
    // Streams start only after the window has its first-frame answer, so no delta overtakes it.
    if (channel === 'desk.ready' && reply.ok) batchers.get(windowId)?.ready();
    return reply;
  }

  function closeWindow(windowId: string): void {
    const batcher = batchers.get(windowId);
    if (!batcher) return;
    batcher.dispose();
    batchers.delete(windowId);
    try {
      core.windowClosed(windowId);
    } catch (error) {
      options.log?.(`[ipc] core.windowClosed(${windowId}) failed: ${error instanceof Error ? error.stack : error}`);
    }
  }

  return {
    openWindow,
    request,
    closeWindow,
    get openWindows() {
      return batchers.size;
    },
    close() {
      stopListening();
      for (const windowId of [...batchers.keys()]) closeWindow(windowId);
    },
  };
}
