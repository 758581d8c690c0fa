/**
 * An MT5 server read through the Web API (ARCHITECTURE.md §4): connect, sync in full, then poll.
 * The Web API pushes nothing, so every change is found by polling: ticks by trans_id, deals by
 * time window from the cursor, and the open book (accounts, positions, orders) in full, diffed.
 * After a drop it reconnects with backoff and syncs again from the cursor, which fills the gap.
 *
 * Versions: positions, orders and accounts take the event's own seq as version. TimeUpdateMsc
 * would not do: the server revalues profit and prices without touching it, so two different states
 * could carry the same version and the cache would keep the older. Seq only grows, survives a
 * restart in the cursor, and the book is polled one round at a time, so a newer seq is newer state.
 */
import type { ServerId } from '../../../shared/domain';
import type { SourceCursor } from '../../../shared/events';
import type { BatchListener, Source } from '../source';
import type { WebApiConnection } from './connection/connection';
import { isTerminal } from './connection/errors';
import { type BackoffOptions, backoffDelay, type Clock, realClock } from './connection/pacing';
import { type PollIntervals, Rounds } from './rounds';
import { type KnownEntities, OpenBook } from './sync/book';
import { DealFeed } from './sync/deals';
import { ReferenceData } from './sync/reference';
import { EventStream, type SourceState } from './sync/stream';
import { pollTicks } from './sync/ticks';
import { Users } from './sync/users';

export interface WebApiSourceOptions {
  /** The desk's id for this server (every event carries it). */
  server: ServerId;
  /** The session; shared with the WebApiGateway of the same server. The source does not close it. */
  connection: WebApiConnection;
  intervals?: Partial<PollIntervals>;
  /** A poll this late (ms) reports the source as lagging. Default 3000. */
  lagAfterMs?: number;
  /** Deal window: seconds before the cursor, and after the server's latest time. Defaults 2 s and 1 day. */
  dealOverlapSec?: number;
  dealMarginSec?: number;
  /** Most events per batch. Default 5000. */
  maxBatch?: number;
  /**
   * What the desk's cache already holds for this server, read at start: without it, positions and
   * orders that closed while the desk was off would stay open in the cache (the Web API only lists
   * what exists). The composition root passes the mirror's open positions, orders and accounts.
   */
  known?: () => KnownEntities;
  /** Waits between reconnection attempts. */
  reconnectBackoff?: BackoffOptions;
  clock?: Clock;
  log?: (line: string) => void;
}

export class WebApiSource implements Source {
  readonly kind = 'mt5-webapi';
  readonly server: ServerId;
  private readonly connection: WebApiConnection;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private running = false;
  private loop: Promise<void> | undefined;
  private stream: EventStream | undefined;
  private state: SourceState | undefined;
  private reportedLagMs = 0;
  private latestServerMsc = 0;
  private wake: (() => void) | undefined;

  constructor(private readonly options: WebApiSourceOptions) {
    this.server = options.server;
    this.connection = options.connection;
    this.clock = options.clock ?? realClock;
    this.log = options.log ?? (() => {});
  }

  start(cursor: SourceCursor, onBatch: BatchListener): void {
    if (this.running) throw new Error(`mt5-webapi ${this.server} is already running`);
    this.running = true;
    const stream = new EventStream(this.server, cursor, onBatch, this.options.maxBatch ?? 5_000);
    this.stream = stream;
    this.state = undefined;
    this.loop = this.run(stream).catch((error: unknown) => {
      this.log(`mt5-webapi ${this.server}: stopped by ${(error as Error).message}`);
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** The newest server time seen in ticks and deals (0 before any): its clock, in the server's zone. */
  get serverTimeMsc(): number {
    return this.latestServerMsc;
  }

  private async run(stream: EventStream): Promise<void> {
    const reference = new ReferenceData(this.connection, stream);
    const groups = () => reference.groups;
    const users = new Users(this.connection, groups, this.log);
    const book = new OpenBook(this.connection, users, groups, stream);
    if (this.options.known) book.seed(this.options.known());
    const deals = new DealFeed(this.connection, groups, stream, {
      overlapSec: this.options.dealOverlapSec ?? 2,
      marginSec: this.options.dealMarginSec ?? 86_400,
    });
    const seen = (msc: number) => {
      this.latestServerMsc = Math.max(this.latestServerMsc, msc);
    };
    const rounds = new Rounds(this.clock, this.options.intervals, {
      ticks: async () => seen(await pollTicks(this.connection, stream)),
      book: () => book.refresh(),
      deals: async () => seen(await deals.poll(Math.max(this.latestServerMsc, this.clock.now()))),
      users: () => users.refresh(),
      reference: () => reference.refresh(),
    });
    let failures = 0;
    let ready = false;
    while (this.running) {
      try {
        if (!ready) {
          this.report('connecting', `connecting to ${this.connection.url}`);
          await this.connection.connect();
          this.report('syncing', 'reading symbols, groups, accounts, the open book and deals since the cursor');
          // Users before the book (accounts merge into them); deals last, from the cursor: the gap fill.
          await rounds.runAll(['reference', 'users', 'book', 'deals', 'ticks'], () => stream.flush());
          ready = true;
          failures = 0;
          this.connection.startPinging();
          this.report('live', `polling ${this.connection.url}`);
        }
        const lateness = await rounds.runDue(() => stream.flush());
        const lagAfter = this.options.lagAfterMs ?? 3_000;
        if (lateness > lagAfter) this.report('lagging', `polls are ${Math.round(lateness)} ms late`, lateness);
        else if (this.state === 'lagging') this.report('live', `polling ${this.connection.url}`);
        await this.sleep(rounds.msUntilNext());
      } catch (error) {
        stream.flush();
        if (!this.running) break;
        ready = false;
        const message = (error as Error).message;
        this.report('down', message);
        if (isTerminal(error)) {
          // A refused password or a server that failed its proof: no retry until reconfigured.
          while (this.running && this.connection.refusedBecause !== undefined) await this.sleep(1_000);
          continue;
        }
        const delay = backoffDelay(failures++, this.options.reconnectBackoff ?? { baseMs: 500, maxMs: 30_000 });
        this.log(`mt5-webapi ${this.server}: ${message}; reconnecting in ${delay} ms`);
        await this.sleep(delay);
      }
    }
  }

  private report(state: SourceState, message: string, lagMs = 0): void {
    // A lagging source says again only when the lag moved by a second or more.
    if (this.state === state && (state !== 'lagging' || Math.abs(lagMs - this.reportedLagMs) < 1_000)) return;
    this.state = state;
    this.reportedLagMs = lagMs;
    this.stream?.status(state, `${this.server}: ${message}`, lagMs);
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
