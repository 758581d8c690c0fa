/**
 * Each server's health as the status bar shows it: the source's own state, how long since the
 * last event arrived (data age), the source-reported lag, and events per second over the last
 * few seconds. A live source that goes quiet or falls behind is shown as lagging.
 */
import type { ServerId, SourceState } from '../../shared/domain';
import type { ServerStatus } from '../../shared/rows';

const WINDOW_SECONDS = 5;

export interface StatusThresholds {
  /** A live server with no event for this long is lagging. */
  quietMs: number;
  /** A source that reports itself this far behind is lagging. */
  lagMs: number;
}

class ServerHealth {
  state: SourceState = 'connecting';
  message = '';
  lagMs = 0;
  lastEventAt = 0;
  /** Event counts per wall-clock second, a ring of the last few seconds. */
  private readonly counts = new Array<number>(WINDOW_SECONDS).fill(0);
  private countsSecond = 0;

  count(events: number, now: number): void {
    this.rotate(now);
    this.counts[this.countsSecond % WINDOW_SECONDS]! += events;
    this.lastEventAt = now;
  }

  eventsPerSecond(now: number): number {
    this.rotate(now);
    // The current second is still filling: average over the complete ones.
    let total = 0;
    for (let s = 1; s < WINDOW_SECONDS; s++)
      total += this.counts[(this.countsSecond - s + WINDOW_SECONDS) % WINDOW_SECONDS]!;
    return total / (WINDOW_SECONDS - 1);
  }

  private rotate(now: number): void {
    const second = Math.floor(now / 1000);
    if (this.countsSecond === 0) this.countsSecond = second;
    const gap = Math.min(second - this.countsSecond, WINDOW_SECONDS);
    for (let s = 1; s <= gap; s++) this.counts[(this.countsSecond + s) % WINDOW_SECONDS] = 0;
    this.countsSecond = Math.max(this.countsSecond, second);
  }
}

export class StatusBoard {
  private readonly servers = new Map<ServerId, ServerHealth>();

  constructor(
    private readonly thresholds: StatusThresholds = { quietMs: 10_000, lagMs: 5_000 },
    private readonly clock: () => number = Date.now,
  ) {}

  private health(server: ServerId): ServerHealth {
    let health = this.servers.get(server);
    if (!health) {
      health = new ServerHealth();
      this.servers.set(server, health);
    }
    return health;
  }

  add(server: ServerId): void {
    this.health(server);
  }

  received(server: ServerId, events: number): void {
    this.health(server).count(events, this.clock());
  }

  reported(server: ServerId, state: SourceState, lagMs: number, message: string): void {
    const health = this.health(server);
    health.state = state;
    health.lagMs = lagMs;
    health.message = message;
  }

  list(): ServerStatus[] {
    const now = this.clock();
    return [...this.servers].map(([server, health]) => {
      const dataAgeMs = health.lastEventAt === 0 ? 0 : Math.max(0, now - health.lastEventAt);
      const behind =
        health.state === 'live' && (dataAgeMs > this.thresholds.quietMs || health.lagMs > this.thresholds.lagMs);
      return {
        server,
        state: behind ? 'lagging' : health.state,
        dataAgeMs,
        lagMs: health.lagMs,
        eventsPerSecond: Math.round(health.eventsPerSecond(now) * 10) / 10,
        message: health.message,
      };
    });
  }
}
