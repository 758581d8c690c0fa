/**
 * How the contract travels between a renderer and the main process: the Electron IPC channel
 * names and the browser-mode WebSocket message shapes. Both ends import this file, so a renamed
 * channel or field breaks the build instead of a running desk.
 */
import type { Reply, StreamName } from './contract';

/** One generic request channel: the router, not Electron, answers unknown channels with an envelope. */
export const IPC_REQUEST_CHANNEL = 'desk:request';

/** One IPC channel per stream, so the preload listens to exactly the streams a window subscribed to. */
export const ipcStreamChannel = (stream: StreamName): string => `desk:stream:${stream}`;

/** The browser-mode WebSocket path on the desk's own origin (the launch token rides in its query). */
export const WS_PATH = '/desk';

/** Larger messages are refused with an error reply; real requests are a few hundred bytes. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export type RequestId = string | number;

/** Browser → desk. */
export interface WsRequest {
  id: RequestId;
  channel: string;
  input: unknown;
}

/** Desk → browser: the answer to one request (id null when the request could not even be read). */
export interface WsReply {
  id: RequestId | null;
  reply: Reply<unknown>;
}

/** Desk → browser: one coalesced frame of one stream. */
export interface WsStreamFrame {
  stream: StreamName;
  payload: unknown;
}
