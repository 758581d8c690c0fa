/**
 * One manager session with an MT5 access server over the Web API (MT5-PROTOCOL.md §2): the
 * challenge–response handshake (and the server's proof that it knows the password too), one
 * keep-alive connection, requests one at a time under a rate limit, a ping when idle, and
 * re-authentication when the connection drops. The password stays in this object: it is never
 * logged and never put into an error.
 */
import type { Envelope } from '../protocol/envelope';
import { isTerminal, WebApiError } from './errors';
import { type HandshakeDeps, handshake } from './handshake';
import { type BackoffOptions, backoffDelay, type Clock, realClock, TokenBucket } from './pacing';
import { envelopeOf, retryable } from './replies';
import { HttpsTransport, type Transport, type TransportReply } from './transport';

export interface WebApiConnectionOptions {
  /** The access server, e.g. https://mt5.broker.com:443 */
  url: string;
  /** The manager account (Managers group, with an API password). */
  login: number;
  password: string;
  /** PEM to trust besides the system's roots (the simulator's self-signed certificate). */
  ca?: string;
  /** Sent as `agent` in auth/start; spaces are not allowed there, so they become '-'. */
  agentName?: string;
  /** How long one request may take; auth/answer also stays within the protocol's 10 s. Default 10 s. */
  requestTimeoutMs?: number;
  /** Token-bucket rate of requests per second. Default 20. */
  maxRequestsPerSecond?: number;
  /** Ping /api/test/access after this long without traffic (the server drops idle sessions at 180 s). Default 20 s. */
  pingIdleMs?: number;
  /** Retries of one idempotent request (retcode 12, network errors, 5xx) before giving up. Default 4. */
  maxRetries?: number;
  backoff?: BackoffOptions;
  /** Injected in tests; an HttpsTransport on `url` otherwise. */
  transport?: Transport;
  clock?: Clock;
  random?: () => number;
  log?: (line: string) => void;
}

export type Params = Readonly<Record<string, string | number>>;

export class WebApiConnection {
  readonly url: string;
  readonly login: number;
  #password: string;
  private readonly transport: Transport;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly bucket: TokenBucket;
  private readonly timeoutMs: number;
  private readonly pingIdleMs: number;
  private readonly maxRetries: number;
  private readonly backoff: BackoffOptions;
  private readonly agent: string;
  private readonly log: (line: string) => void;
  private authenticated = false;
  private sessionsOpened = 0;
  /** Set when the server refused us for good (password, proof): requests fail fast until reconfigured. */
  private refusal: WebApiError | undefined;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private lastTrafficAt: number;
  private pingTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: WebApiConnectionOptions) {
    this.url = options.url;
    this.login = options.login;
    this.#password = options.password;
    this.transport = options.transport ?? new HttpsTransport({ url: options.url, ca: options.ca });
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.bucket = new TokenBucket(options.maxRequestsPerSecond ?? 20, this.clock);
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.pingIdleMs = Math.max(options.pingIdleMs ?? 20_000, 20_000);
    this.maxRetries = options.maxRetries ?? 4;
    this.backoff = options.backoff ?? { baseMs: 250, maxMs: 15_000 };
    this.agent = (options.agentName ?? 'DealerDesk').replace(/\s+/g, '-');
    this.log = options.log ?? (() => {});
    this.lastTrafficAt = this.clock.now();
    this.transport.onDrop(() => {
      this.authenticated = false;
    });
  }

  /** Why the server refused this manager for good, if it did. */
  get refusedBecause(): WebApiError | undefined {
    return this.refusal;
  }

  get isAuthenticated(): boolean {
    return this.authenticated;
  }

  /** Sessions opened so far: more than one means the connection dropped and was re-authenticated. */
  get sessions(): number {
    return this.sessionsOpened;
  }

  /** New credentials after a refusal: the next request authenticates with them. */
  reconfigure(change: { password: string }): void {
    this.#password = change.password;
    this.refusal = undefined;
    this.authenticated = false;
    this.transport.reset();
  }

  /** Authenticates now (the source's "connecting" step); later requests re-authenticate by themselves. */
  connect(): Promise<void> {
    return this.serialized(async () => {
      await this.retrying('auth/start', true, async () => {
        if (!this.authenticated) await this.authenticate();
      });
    });
  }

  /**
   * Sends `/api/<command>` and returns the envelope whatever its retcode, except 12 (too frequent),
   * which is retried with backoff. `idempotent: false` (trade/balance) is never sent twice after a
   * reply was lost: only a 403 or retcode 12, which mean the server did not act, are retried.
   */
  request(command: string, params: Params = {}, options: { idempotent?: boolean } = {}): Promise<Envelope> {
    const idempotent = options.idempotent ?? true;
    return this.serialized(() =>
      this.retrying(command, idempotent, async () => {
        if (!this.authenticated) await this.authenticate();
        const reply = await this.exchange(command, params, this.timeoutMs);
        if (reply.status === 403) {
          // The session is gone (dropped socket or server restart): authenticate once and resend.
          this.authenticated = false;
          await this.authenticate();
          return envelopeOf(command, await this.exchange(command, params, this.timeoutMs));
        }
        return envelopeOf(command, reply);
      }),
    );
  }

  /** Starts pinging when idle; the source calls it once it runs. */
  startPinging(checkEveryMs = 5_000): void {
    if (this.pingTimer !== undefined) return;
    this.pingTimer = setInterval(() => this.pingIfIdle(), checkEveryMs);
    this.pingTimer.unref?.();
  }

  /** Pings /api/test/access if nothing was sent for `pingIdleMs`; public so tests drive it. */
  async pingIfIdle(): Promise<void> {
    if (!this.authenticated || this.pending > 0 || this.closed) return;
    if (this.clock.now() - this.lastTrafficAt < this.pingIdleMs) return;
    try {
      await this.request('test/access');
    } catch (error) {
      this.log(`mt5-webapi ${this.url}: ping failed: ${(error as Error).message}`);
    }
  }

  /** Logs out (best effort) and closes the connection; later requests fail with 'closed'. */
  async close(): Promise<void> {
    if (this.pingTimer !== undefined) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    if (this.authenticated && !this.closed) {
      await this.serialized(() => this.exchange('quit', {}, Math.min(this.timeoutMs, 2_000))).catch(() => {});
    }
    this.closed = true;
    this.authenticated = false;
    this.transport.close();
  }

  // ── the handshake ──────────────────────────────────────────────────────────────────────────

  private async authenticate(): Promise<void> {
    if (this.refusal) throw this.refusal;
    const deps: HandshakeDeps = {
      url: this.url,
      login: this.login,
      agent: this.agent,
      timeoutMs: this.timeoutMs,
      clock: this.clock,
      exchange: (command, params, timeoutMs) => this.exchange(command, params, timeoutMs),
      envelopeOf,
    };
    try {
      await handshake(deps, this.#password);
    } catch (error) {
      if (isTerminal(error)) {
        // No retry by itself: a wrong password again and again gets the IP blocked.
        this.refusal = error as WebApiError;
        this.transport.reset();
      }
      throw error;
    }
    this.authenticated = true;
    this.sessionsOpened++;
  }

  // ── one exchange, retries ──────────────────────────────────────────────────────────────────

  private async exchange(command: string, params: Params, timeout: number | (() => number)): Promise<TransportReply> {
    if (this.closed) throw new WebApiError('closed', `the connection to ${this.url} is closed`);
    await this.bucket.take();
    const timeoutMs = typeof timeout === 'number' ? timeout : timeout();
    this.lastTrafficAt = this.clock.now();
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) query[key] = String(value);
    const reply = await this.transport.send(`/api/${command}`, query, timeoutMs);
    this.lastTrafficAt = this.clock.now();
    return reply;
  }

  private async retrying<T>(command: string, idempotent: boolean, work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof WebApiError) || !retryable(error, idempotent) || attempt >= this.maxRetries) throw error;
        const delay = backoffDelay(attempt, this.backoff, this.random);
        this.log(`mt5-webapi ${this.url}: ${command} failed (${error.message}); retrying in ${delay} ms`);
        await this.clock.sleep(delay);
      }
    }
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => {});
    return run.finally(() => {
      this.pending--;
    });
  }
}
