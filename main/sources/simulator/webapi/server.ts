/**
 * The simulator served as an MT5 Web API over HTTPS on loopback (issue 7), so the desk's
 * `mt5-webapi` source is tested end to end against a server whose ground truth is known.
 *
 * One session per keep-alive TLS socket (sessions.ts); `GET|POST /api/<cmd>?k=v` with a JSON body
 * overriding the query (params.ts); every reply is the MT5 envelope with string scalars. Choices:
 * an unknown command is HTTP 404 with retcode 3 (13 would read as "record not found" to a
 * client), and a socket with no request for `idleTimeoutMs` is destroyed, session and all.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { Retcode } from '../../../../shared/mt5';
import { envelope } from '../../mt5-webapi/protocol/envelope';
import type { SimulatorOptions } from '../config';
import { Simulator } from '../simulator';
import { MASK_LIMIT, ServerBook } from './book';
import { makeCertificate } from './certificate';
import { SimulatorClock } from './clock';
import { endpoints } from './endpoints';
import { readParams } from './params';
import { ApiError, type Reply, retcodeText } from './reply';
import { type Manager, Sessions } from './sessions';

export interface WebApiServerOptions {
  host?: string;
  port?: number;
  simulator?: SimulatorOptions;
  speed?: number;
  managers?: { login: number; password: string }[];
  idleTimeoutMs?: number;
  authAnswerTimeoutMs?: number;
  /** Tests only: rows a mask query answers before retcode 14 (MT5's is 5000). */
  maskLimit?: number;
}

export interface WebApiServer {
  readonly url: string;
  readonly port: number;
  readonly certPem: string;
  readonly fingerprint256: string;
  readonly managers: readonly { login: number; password: string }[];
  readonly simulator: Simulator;
  dropConnections(): void;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_MANAGERS: readonly Manager[] = [{ login: 1000, password: 'Manager1!' }];
const MAX_BODY_BYTES = 1 << 20;

export async function startWebApiServer(options: WebApiServerOptions = {}): Promise<WebApiServer> {
  const host = options.host ?? '127.0.0.1';
  const idleTimeoutMs = options.idleTimeoutMs ?? 180_000;
  const managers = (options.managers ?? DEFAULT_MANAGERS).map((m) => ({ ...m }));
  const simulator = new Simulator(options.simulator);
  const book = new ServerBook(simulator, options.maskLimit ?? MASK_LIMIT);
  const sessions = new Sessions(managers, options.authAnswerTimeoutMs ?? 10_000);
  const clock = new SimulatorClock(simulator, book, options.speed ?? 1);
  const certificate = await makeCertificate(host);
  const sockets = new Set<TLSSocket>();
  const idleTimers = new WeakMap<TLSSocket, ReturnType<typeof setTimeout>>();

  /** (Re)starts the socket's idle countdown: only requests count as traffic, as on MT5. */
  const touch = (socket: TLSSocket): void => {
    clearTimeout(idleTimers.get(socket));
    const timer = setTimeout(() => socket.destroy(), idleTimeoutMs);
    timer.unref();
    idleTimers.set(socket, timer);
  };

  const dispatch = (socket: TLSSocket, req: IncomingMessage, body: string): Reply => {
    try {
      const url = new URL(req.url ?? '/', 'https://simulator');
      if (req.method !== 'GET' && req.method !== 'POST') throw new ApiError(Retcode.ERR_PARAMS, 'GET or POST', 405);
      if (!url.pathname.startsWith('/api/')) throw new ApiError(Retcode.ERR_PARAMS, 'not an API path', 404);
      const command = url.pathname.slice('/api/'.length).replace(/\/+$/, '').toLowerCase();
      const params = readParams(url, body);
      const session = sessions.handle(socket, command, params);
      if (session !== undefined) return session;
      sessions.requireAuthenticated(socket);
      const handler = endpoints[command];
      if (handler === undefined) throw new ApiError(Retcode.ERR_PARAMS, `unknown command ${command}`, 404);
      return handler(params, book);
    } catch (error) {
      if (error instanceof ApiError) return { retcode: error.retcode, httpStatus: error.httpStatus };
      console.error('[sim-webapi]', error);
      return { retcode: 2, httpStatus: 500 };
    }
  };

  const respond = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const socket = req.socket as TLSSocket;
    touch(socket);
    const reply = dispatch(socket, req, body);
    const text = envelope(reply.retcode, retcodeText(reply.retcode), reply.fields);
    res.writeHead(reply.httpStatus ?? 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      ...(reply.closeAfter && { Connection: 'close' }),
    });
    res.end(text);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => respond(req, res, Buffer.concat(chunks).toString('utf8')));
  };

  const listen = (port: number): Promise<Server> =>
    new Promise((resolve, reject) => {
      const server = createServer({ key: certificate.keyPem, cert: certificate.certPem }, onRequest);
      // Node's own keep-alive cut-off (5 s by default) must not beat the session's idle timeout.
      // It is also announced as `Keep-Alive: timeout=<s>`, and Node's agent drops a free socket a
      // second before that: with a short idle timeout (tests) the client would leave every socket.
      server.keepAliveTimeout = idleTimeoutMs + 5_000;
      server.on('secureConnection', (socket: TLSSocket) => {
        sockets.add(socket);
        touch(socket);
        socket.on('close', () => {
          sockets.delete(socket);
          clearTimeout(idleTimers.get(socket));
        });
      });
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve(server);
      });
    });

  const dropConnections = (): void => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };

  const close = (server: Server): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
      dropConnections();
      server.closeAllConnections();
    });

  let server = await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  clock.start();

  return {
    url: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    certPem: certificate.certPem,
    fingerprint256: certificate.fingerprint256,
    managers,
    simulator,
    dropConnections,
    // The simulator keeps running through a restart: a real server's trading does not pause for
    // its access point, and the client must gap-fill what happened while it was away.
    restart: async () => {
      await close(server);
      server = await listen(port);
    },
    stop: async () => {
      clock.stop();
      await close(server);
    },
  };
}
