/**
 * Pacing of requests: a token bucket under the server's anti-flood (which answers retcode 12 or
 * drops the connection, MT5-PROTOCOL.md §6), and exponential backoff with full jitter so several
 * desks reconnecting after an outage do not arrive in step.
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock,
    /** Burst allowance; one second's worth by default. */
    private readonly capacity = perSecond,
  ) {
    if (!(perSecond > 0)) throw new Error(`request rate must be > 0, got ${perSecond}`);
    this.tokens = capacity;
    this.last = clock.now();
  }

  /** Waits until a request may go, then takes its token. Callers are serialized by the connection. */
  async take(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.perSecond) / 1000);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) * 1000) / this.perSecond));
    }
  }
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** Full jitter: a random wait in [0, min(max, base × 2^attempt)], never below a tenth of the base. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.max(Math.round(options.baseMs / 10), Math.round(ceiling * random()));
}
