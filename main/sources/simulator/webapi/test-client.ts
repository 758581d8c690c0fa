/**
 * A bare Web API client for the server's tests: one keep-alive TLS socket (maxSockets 1, as the
 * official JS sample), the server's own certificate as the only trusted CA, and the handshake
 * done with the shared auth-hash, so the tests check the protocol, not a second implementation.
 */
import { Agent, request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { answerTo, newRand, passwordHash, randFromHex } from '../../mt5-webapi/protocol/auth-hash';
import { parseEnvelope } from '../../mt5-webapi/protocol/envelope';
import type { WebApiServer } from './server';

export interface ApiReply {
  status: number;
  retcode: number;
  body: Record<string, unknown>;
  /** The peer certificate's SHA-256 fingerprint, as Node prints it. */
  fingerprint256: string;
  /** The socket the reply came on, to tell whether the session's connection survived. */
  socket: TLSSocket;
}

export type Row = Record<string, unknown>;

export class TestClient {
  readonly agent: Agent;

  constructor(private readonly server: Pick<WebApiServer, 'url' | 'certPem'>) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 1, ca: server.certPem });
  }

  call(
    command: string,
    query: Record<string, string | number> = {},
    body?: Record<string, unknown>,
  ): Promise<ApiReply> {
    const url = new URL(`/api/${command}`, this.server.url);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          agent: this.agent,
          method: payload === undefined ? 'GET' : 'POST',
          headers: { Connection: 'keep-alive', 'Content-Type': 'application/x-www-form-urlencoded' },
        },
        (res) => {
          // Taken now: once the body ends, the agent takes the socket back and res.socket is null.
          const socket = res.socket as TLSSocket;
          const fingerprint256 = socket.getPeerCertificate().fingerprint256;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const envelope = parseEnvelope(Buffer.concat(chunks).toString('utf8'));
            resolve({
              status: res.statusCode ?? 0,
              retcode: envelope.retcode,
              body: envelope.body,
              fingerprint256,
              socket,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** The §2.2 handshake; returns the answer's reply and whether the server proved the password. */
  async login(login: number, password: string): Promise<{ reply: ApiReply; serverProved: boolean }> {
    const start = await this.call('auth/start', { version: 4755, agent: 'desk-test', login, type: 'manager' });
    if (start.retcode !== 0) return { reply: start, serverProved: false };
    const pw = passwordHash(password);
    const cliRand = newRand();
    const reply = await this.call('auth/answer', {
      srv_rand_answer: answerTo(pw, randFromHex(String(start.body.srv_rand))),
      cli_rand: cliRand,
    });
    return { reply, serverProved: reply.body.cli_rand_answer === answerTo(pw, randFromHex(cliRand)) };
  }

  /** Logs in as the server's first manager and fails loudly otherwise. */
  async loginAsManager(server: Pick<WebApiServer, 'managers'>): Promise<void> {
    const manager = server.managers[0];
    if (manager === undefined) throw new Error('server has no manager');
    const { reply } = await this.login(manager.login, manager.password);
    if (reply.retcode !== 0) throw new Error(`login failed: ${JSON.stringify(reply.body)}`);
  }

  /** The answer of a call that must succeed. */
  async ok(command: string, query: Record<string, string | number> = {}): Promise<unknown> {
    const reply = await this.call(command, query);
    if (reply.retcode !== 0) throw new Error(`${command}: ${JSON.stringify(reply.body)}`);
    return reply.body.answer;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Asserts MT5's wire habit: every scalar of a record (and of its nested records) is a string. */
export function nonStringScalars(record: unknown, path = ''): string[] {
  if (Array.isArray(record)) return record.flatMap((item, i) => nonStringScalars(item, `${path}[${i}]`));
  if (typeof record === 'object' && record !== null) {
    return Object.entries(record).flatMap(([key, value]) => nonStringScalars(value, path ? `${path}.${key}` : key));
  }
  return typeof record === 'string' ? [] : [`${path}: ${typeof record}`];
}
