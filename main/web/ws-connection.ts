/**
 * One browser tab's WebSocket, bound to the hub as one window: requests in, replies and stream
 * frames out (each message an array of the frames the hub flushed together). Authentication
 * happened at the upgrade (web-host.ts); this only moves messages.
 */
import type { WebSocket } from 'ws';
import type { Reply } from '../../shared/contract';
import type { RequestId, WsReply, WsStreamFrame } from '../../shared/wire';
import type { Hub } from '../ipc/hub';
import { readWsRequest } from './ws-messages';

/** Above this many unsent bytes the tab is behind: frames keep coalescing instead of piling up. */
const BEHIND_BYTES = 4 * 1024 * 1024;

export function serveDeskSocket(socket: WebSocket, hub: Hub, senderUrl: string, log: (line: string) => void): string {
  const isOpen = () => socket.readyState === socket.OPEN;

  // The hub flushes every stream of a frame in one synchronous pass; they leave together, as one
  // message (an array of frames), at the end of that pass. The tab then applies the whole frame in
  // one task and draws it once, instead of once per stream. Nothing else is sent in between: a
  // reply always comes from another task, so no frame overtakes or falls behind one.
  let frames: WsStreamFrame[] | null = null;
  const sendFrames = () => {
    const batch = frames;
    frames = null;
    if (batch && isOpen()) socket.send(JSON.stringify(batch));
  };

  const windowId = hub.openWindow({
    send(stream, payload) {
      if (!isOpen()) return;
      if (frames === null) {
        frames = [];
        queueMicrotask(sendFrames);
      }
      frames.push({ stream, payload });
    },
    canSend: () => socket.bufferedAmount < BEHIND_BYTES,
  });

  function answer(id: RequestId | null, reply: Reply<unknown>): void {
    if (!isOpen()) return;
    let text: string;
    try {
      text = JSON.stringify({ id, reply } satisfies WsReply);
    } catch (error) {
      log(`[web] reply to ${windowId} could not be serialised: ${error instanceof Error ? error.message : error}`);
      const internal: Reply<never> = {
        ok: false,
        error: { code: 'internal', message: 'The reply could not be sent.' },
      };
      text = JSON.stringify({ id, reply: internal } satisfies WsReply);
    }
    socket.send(text);
  }

  socket.on('message', (data, isBinary) => {
    const read = readWsRequest(data, isBinary);
    if (!read.ok) {
      log(`[web] ${windowId}: ${read.message}`);
      answer(read.id, { ok: false, error: { code: 'bad_request', message: read.message } });
      return;
    }
    const { id, channel, input } = read.request;
    void hub.request(windowId, channel, input, senderUrl).then((reply) => answer(id, reply));
  });
  socket.on('close', () => hub.closeWindow(windowId));
  socket.on('error', (error) => log(`[web] ${windowId} socket error: ${error.message}`));
  return windowId;
}
