/**
 * An in-process Web API for unit tests: a Transport that answers like an access server, with the
 * real handshake (auth-hash.ts) and whatever replies a test scripts or loads from fixtures/.
 * The session is tied to the fake "socket": drop() forgets it, as a closed connection does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WebApiConnection, type WebApiConnectionOptions } from './connection/connection';
import { WebApiError } from './connection/errors';
import type { Clock } from './connection/pacing';
import type { Transport, TransportReply } from './connection/transport';
import { answerTo, newRand, passwordHash, randFromHex } from './protocol/auth-hash';
import { envelope } from './protocol/envelope';

export type Query = Readonly<Record<string, string>>;
export type Handler = (query: Query) => TransportReply | string | Promise<TransportReply | string>;

export const MANAGER = { login: 1000, password: 'Manager1!' };

/** A recorded reply from fixtures/ (the documented format: string scalars, "<n> <text>" retcodes). */
export function fixture(name: string): string {
  return readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8');
}

export const ok = (fields: Record<string, unknown>): string => envelope(0, 'Done', fields);

export class FakeWebApi implements Transport {
  readonly calls: { path: string; query: Query }[] = [];
  readonly handlers = new Map<string, Handler>();
  /** When set, auth/answer proves the server with this password instead of the real one. */
  proofPassword: string | undefined;
  session = false;
  /** While true every request fails as a refused connection would. */
  outage = false;
  /** Runs before auth/answer is answered, with the timeout the client gave it; may throw (a timeout). */
  beforeAuthAnswer: ((timeoutMs: number) => void) | undefined;
  private srvRand = '';
  private readonly dropListeners: Array<() => void> = [];

  constructor(public password = MANAGER.password) {}

  on(command: string, handler: Handler | string): this {
    this.handlers.set(command, typeof handler === 'string' ? () => handler : handler);
    return this;
  }

  commands(): string[] {
    return this.calls.map((c) => c.path.replace('/api/', ''));
  }

  async send(path: string, query: Query, timeoutMs = 0): Promise<TransportReply> {
    this.calls.push({ path, query });
    if (this.outage) throw new WebApiError('network', `${path}: connect ECONNREFUSED`);
    const command = path.replace('/api/', '');
    if (command === 'auth/start') return this.reply(this.authStart());
    if (command === 'auth/answer') {
      this.beforeAuthAnswer?.(timeoutMs);
      return this.reply(this.authAnswer(query));
    }
    const handler = this.handlers.get(command);
    if (!this.session) return { status: 403, body: envelope(8, 'Not enough permissions') };
    if (handler === undefined) return { status: 404, body: envelope(3, 'Invalid parameters') };
    return this.reply(await handler(query));
  }

  private reply(reply: TransportReply | string): TransportReply {
    return typeof reply === 'string' ? { status: 200, body: reply } : reply;
  }

  private authStart(): string {
    this.srvRand = newRand();
    return ok({ version_access: '4000', srv_rand: this.srvRand });
  }

  private authAnswer(query: Query): string {
    const pw = passwordHash(this.password);
    if (query.srv_rand_answer !== answerTo(pw, randFromHex(this.srvRand))) return envelope(1001, 'Invalid account');
    this.session = true;
    const proof = answerTo(passwordHash(this.proofPassword ?? this.password), randFromHex(query.cli_rand ?? ''));
    return ok({ version_access: '4000', version_trade: '4000', cli_rand_answer: proof });
  }

  /** The connection closed: the server forgot the session. */
  drop(): void {
    this.session = false;
    for (const listener of this.dropListeners) listener();
  }

  onDrop(listener: () => void): void {
    this.dropListeners.push(listener);
  }

  reset(): void {
    this.session = false;
  }

  close(): void {
    this.session = false;
  }
}

/** A clock whose sleeps pass at once but advance its time: backoff and rate limits without waiting. */
export class TestClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public time = 1_700_000_000_000) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

export function fakeConnection(
  api: FakeWebApi,
  options: Partial<WebApiConnectionOptions> = {},
): { connection: WebApiConnection; clock: TestClock; log: string[] } {
  const clock = new TestClock();
  const log: string[] = [];
  const connection = new WebApiConnection({
    url: 'https://mt5.test',
    login: MANAGER.login,
    password: MANAGER.password,
    agentName: 'Dealer Desk',
    transport: api,
    clock,
    random: () => 0.5,
    log: (line) => log.push(line),
    ...options,
  });
  return { connection, clock, log };
}
