/**
 * Browser mode's host: the built renderer over http and the contract over a WebSocket, on
 * 127.0.0.1 only. Anyone on this machine can reach the port, so the socket requires the per-launch
 * token and the desk's own Origin; the Host header is checked too, against DNS rebinding.
 */
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_MESSAGE_BYTES, WS_PATH } from '../../shared/wire';
import type { DeskCore } from '../ipc/desk-core';
import { createHub } from '../ipc/hub';
import { createLaunchToken, tokenMatches } from './launch-token';
import { securityHeaders } from './security-headers';
import { readRendererFile } from './static-files';
import { serveDeskSocket } from './ws-connection';

export const LOOPBACK = '127.0.0.1';

export interface WebHostOptions {
  core: DeskCore;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Tests pass a fixed token; a real launch draws a fresh one. */
  token?: string;
  frameMs?: number;
  log?: (line: string) => void;
}

export interface WebHost {
  /** What a dealer opens: the desk's page with the launch token. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly openWindows: number;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? ((line: string) => console.error(line));
  const token = options.token ?? createLaunchToken();
  let port = 0;
  const origins = () => [`http://${LOOPBACK}:${port}`, `http://localhost:${port}`];
  const hosts = () => [`${LOOPBACK}:${port}`, `localhost:${port}`];
  const origin = () => `http://${LOOPBACK}:${port}`;

  const hub = createHub(options.core, {
    isTrustedSender: (sender) => origins().some((o) => sender.url === `${o}/`),
    frameMs: options.frameMs,
    log,
  });
  // Messages over the limit up to 4× still get an error reply; beyond that ws closes the socket (1009).
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4 * MAX_MESSAGE_BYTES });

  const server = createServer((request, response) => {
    void serveFile(request, response).catch((error) => {
      log(`[web] serving ${request.url} failed: ${error instanceof Error ? error.stack : error}`);
      if (!response.headersSent) response.writeHead(500, securityHeaders());
      response.end();
    });
  });

  async function serveFile(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const headers = securityHeaders([`ws://${LOOPBACK}:${port}`, `ws://localhost:${port}`]);
    if (!hosts().includes(request.headers.host ?? '')) {
      response.writeHead(421, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Refused: unexpected Host header.');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD' });
      response.end();
      return;
    }
    const pathname = (request.url ?? '/').split('?')[0] ?? '/';
    const file = await readRendererFile(options.rendererDir, pathname);
    response.writeHead(file.status, {
      ...headers,
      'Content-Type': file.contentType,
      'Cache-Control': file.cacheControl,
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = refuseUpgrade(request);
    if (refusal) {
      log(`[web] WebSocket refused (${refusal.status}) from ${request.socket.remoteAddress}: ${refusal.reason}`);
      socket.end(
        `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const windowId = serveDeskSocket(ws, hub, `${request.headers.origin}/`, log);
      log(`[web] ${windowId} connected`);
    });
  });

  function refuseUpgrade(request: IncomingMessage): { status: number; reason: string } | null {
    const url = new URL(request.url ?? '/', origin());
    if (url.pathname !== WS_PATH) return { status: 404, reason: `no WebSocket at ${url.pathname}` };
    if (!hosts().includes(request.headers.host ?? '')) return { status: 403, reason: 'unexpected Host header' };
    if (!origins().includes(request.headers.origin ?? '')) {
      return { status: 403, reason: `foreign Origin ${JSON.stringify(request.headers.origin ?? null)}` };
    }
    const given = url.searchParams.get('token');
    if (!tokenMatches(token, given)) return { status: 401, reason: given ? 'wrong token' : 'no token' };
    return null;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  server.on('error', (error) => log(`[web] server error: ${error.message}`));

  return {
    url: `${origin()}/?token=${token}`,
    origin: origin(),
    port,
    token,
    get openWindows() {
      return hub.openWindows;
    },
    async close() {
      for (const client of sockets.clients) client.close(1001, 'The desk is shutting down.');
      hub.close();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
