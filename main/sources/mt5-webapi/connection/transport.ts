/**
 * One HTTPS keep-alive connection to the access server. The Web API session lives on the socket
 * (MT5-PROTOCOL.md §2.1), so the agent keeps exactly one and tells its owner when that socket
 * closes: the next request must authenticate again. Tests inject a fake `Transport` instead.
 */
import { Agent, request } from 'node:https';
import type { Socket } from 'node:net';
import { WebApiError } from './errors';

export interface TransportReply {
  status: number;
  body: string;
}

export interface Transport {
  /** GET `path` with `query`; rejects with WebApiError('timeout' | 'network'). */
  send(path: string, query: Readonly<Record<string, string>>, timeoutMs: number): Promise<TransportReply>;
  /** Called whenever the session's socket closes (the server forgot the session). */
  onDrop(listener: () => void): void;
  /** Drops the socket (a new session starts with the next request). */
  reset(): void;
  close(): void;
}

export interface HttpsTransportOptions {
  /** Base URL, e.g. https://mt5.example.com:443 */
  url: string;
  /** PEM of a certificate to trust in addition to the system's (the simulator's self-signed one). */
  ca?: string;
}

export class HttpsTransport implements Transport {
  private agent: Agent;
  private readonly base: URL;
  private readonly dropListeners: Array<() => void> = [];
  private readonly seen = new WeakSet<Socket>();

  constructor(private readonly options: HttpsTransportOptions) {
    this.base = new URL(options.url);
    this.agent = this.newAgent();
  }

  private newAgent(): Agent {
    // The official JS sample's setting: every command rides the one authenticated connection.
    return new Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1, ca: this.options.ca });
  }

  send(path: string, query: Readonly<Record<string, string>>, timeoutMs: number): Promise<TransportReply> {
    const url = new URL(path, this.base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        { method: 'GET', agent: this.agent, headers: { Connection: 'keep-alive' }, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (error) => reject(new WebApiError('network', `reply broken off: ${error.message}`)));
        },
      );
      req.on('socket', (socket: Socket) => this.watch(socket));
      req.on('timeout', () => {
        req.destroy(new WebApiError('timeout', `no answer to ${path} within ${timeoutMs} ms`));
      });
      req.on('error', (error) =>
        reject(error instanceof WebApiError ? error : new WebApiError('network', `${path}: ${error.message}`)),
      );
      req.end();
    });
  }

  private watch(socket: Socket): void {
    if (this.seen.has(socket)) return;
    this.seen.add(socket);
    socket.once('close', () => {
      for (const listener of this.dropListeners) listener();
    });
  }

  onDrop(listener: () => void): void {
    this.dropListeners.push(listener);
  }

  reset(): void {
    this.agent.destroy();
    this.agent = this.newAgent();
  }

  close(): void {
    this.agent.destroy();
  }
}
