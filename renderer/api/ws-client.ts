/**
 * DeskApi over browser mode's WebSocket. The token comes from the page address the desk printed
 * (`…/?token=…`); the connection comes back by itself with backoff. A request in flight when the
 * connection drops is rejected with DeskConnectionError rather than left waiting: the desk that
 * answers after a reconnect treats the tab as a new window, so old requests have no one to answer them.
 */

import type { DeskApi, Reply, RequestName } from '../../shared/contract';
import { deskApiOf, streamListeners } from '../../shared/desk-client';
import { MAX_MESSAGE_BYTES, WS_PATH, type WsReply, type WsRequest, type WsStreamFrame } from '../../shared/wire';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The part of the browser's WebSocket this client uses (so tests can hand in a fake). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type SocketFactory = (url: string) => SocketLike;

export class DeskConnectionError extends Error {
  override readonly name = 'DeskConnectionError';
}

export interface WsDeskOptions {
  /** Defaults to this page's origin and token. */
  url?: string;
  openSocket?: SocketFactory;
  firstRetryMs?: number;
  maxRetryMs?: number;
}

export interface WsDesk extends DeskApi {
  readonly state: ConnectionState;
  /**
   * Each reconnect is a new window to the desk: call `desk.ready` and reload snapshots when the
   * state becomes 'open' again, or no stream arrives.
   */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

const OPEN = 1;

/** The desk's socket URL for a page opened at `http://127.0.0.1:PORT/?token=…`. */
export function deskSocketUrl(location: { protocol: string; host: string; search: string }): string {
  const token = new URLSearchParams(location.search).get('token');
  if (!token) {
    throw new DeskConnectionError(
      'This page has no desk token: open the address the desk printed at launch (it ends in ?token=…).',
    );
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`;
}

interface Pending {
  channel: RequestName;
  resolve(reply: Reply<unknown>): void;
  reject(error: Error): void;
}

export function createWsDesk(options: WsDeskOptions = {}): WsDesk {
  const url = options.url ?? deskSocketUrl(globalThis.location);
  const openSocket = options.openSocket ?? ((address: string) => new WebSocket(address) as unknown as SocketLike);
  const firstRetryMs = options.firstRetryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 10_000;

  const listeners = streamListeners();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  const outbox: string[] = [];
  let nextId = 1;
  let retryMs = firstRetryMs;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let state: ConnectionState = 'connecting';
  let socket = connect();

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  }

  function connect(): SocketLike {
    const fresh = openSocket(url);
    fresh.onopen = () => {
      retryMs = firstRetryMs;
      setState('open');
      for (const text of outbox.splice(0)) fresh.send(text);
    };
    fresh.onmessage = (event) => receive(event.data);
    fresh.onclose = (event) => {
      const reason = event.reason ? `: ${event.reason}` : '';
      failPending(`The connection to the desk closed (code ${event.code}${reason})`);
      if (state === 'closed') return;
      setState('reconnecting');
      // Jitter, so many tabs do not knock at the same instant after a restart.
      const delay = retryMs * (0.8 + Math.random() * 0.4);
      retryMs = Math.min(retryMs * 2, maxRetryMs);
      retryTimer = setTimeout(() => {
        retryTimer = null;
        socket = connect();
      }, delay);
    };
    fresh.onerror = () => {
      // A close event always follows; that is where pending requests are settled.
    };
    return fresh;
  }

  function failPending(why: string): void {
    outbox.length = 0;
    for (const [id, request] of pending) {
      pending.delete(id);
      request.reject(new DeskConnectionError(`${why} before '${request.channel}' was answered; try again.`));
    }
  }

  function receive(data: unknown): void {
    let message: Partial<WsReply & WsStreamFrame> | Partial<WsStreamFrame>[];
    try {
      message = JSON.parse(String(data));
    } catch {
      console.error('[desk] unreadable message from the desk');
      return;
    }
    // Stream frames come as an array: every stream of one desk frame, applied in this one task.
    if (Array.isArray(message)) {
      for (const frame of message) deliver(frame);
      return;
    }
    if (typeof message.stream === 'string') {
      deliver(message);
      return;
    }
    const request = typeof message.id === 'number' ? pending.get(message.id) : undefined;
    if (!request || !message.reply) {
      console.error('[desk] reply to no pending request', message.reply?.ok === false ? message.reply.error : '');
      return;
    }
    pending.delete(message.id as number);
    request.resolve(message.reply);
  }

  function deliver(frame: Partial<WsStreamFrame>): void {
    if (typeof frame?.stream !== 'string') {
      console.error('[desk] unreadable stream frame from the desk');
      return;
    }
    for (const listener of listeners.get(frame.stream) ?? []) {
      try {
        listener(frame.payload);
      } catch (error) {
        console.error(`[desk] a '${frame.stream}' listener failed`, error);
      }
    }
  }

  function request(channel: RequestName, input: unknown): Promise<Reply<unknown>> {
    if (state === 'closed') {
      return Promise.reject(new DeskConnectionError(`The desk connection is closed; '${channel}' was not sent.`));
    }
    const id = nextId++;
    const text = JSON.stringify({ id, channel, input } satisfies WsRequest);
    if (new TextEncoder().encode(text).byteLength > MAX_MESSAGE_BYTES) {
      const message = `${channel}: the request is larger than ${MAX_MESSAGE_BYTES} bytes.`;
      return Promise.resolve({ ok: false, error: { code: 'bad_request', message } });
    }
    return new Promise((resolve, reject) => {
      pending.set(id, { channel, resolve, reject });
      if (socket.readyState === OPEN) socket.send(text);
      else outbox.push(text);
    });
  }

  const api = deskApiOf(request, listeners);

  return {
    ...api,
    get state() {
      return state;
    },
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      setState('closed');
      if (retryTimer !== null) clearTimeout(retryTimer);
      socket.close(1000, 'closed by the page');
      failPending('The desk connection was closed by the page');
    },
  };
}
