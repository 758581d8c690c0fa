/**
 * The embedded MT5-like server: reference data, a price feed, a population of traders, a
 * coverage dealer and the trade server that books what they do, all on one virtual clock and one
 * seed. It produces the SyncEvent stream a real server's adapter would, and keeps the ground truth
 * a test compares a cache with (and, in `behaviours()`, how each account really trades, which the
 * desk's toxic-flow detectors are scored against). The market runs ahead of the published feed
 * (market.ts), so the informed specialists (specialists.ts) act on what the server shows later.
 *
 * Pull-driven: `next(n)` generates flat-out, `advanceTo(t)` generates what is due by virtual time t.
 * Events are numbered when generated; whatever a call does not hand out waits for the next call,
 * so the stream is the same however it is read (which `fastForward` relies on).
 *
 * Operations from outside the seeded stream (balance, user changes, shocks) are recorded as they
 * are applied and re-applied from those records when a run is regenerated (recorded-operations.ts).
 */
import type { Client, ClientAccount, Login, Tick } from '../../../shared/domain';
import type { SyncEvent } from '../../../shared/events';
import { DealAction, Retcode } from '../../../shared/mt5';
import type { TimeMsc } from '../../../shared/units';
import { buildCatalog, type Catalog, type SymbolInfo } from './catalog';
import { resolveConfig, type SimulatorConfig, type SimulatorOptions } from './config';
import { CoverageDealer } from './coverage-dealer';
import {
  type BalanceOptions,
  type BalanceReply,
  balanceOperation,
  DealerOperations,
  type OperationTap,
  type UserChange,
  type UserReply,
  userChangeOperation,
} from './dealer-operations';
import { PriceFeed } from './feed';
import { type GroundTruth, Journal } from './journal';
import { MarketAhead } from './market';
import { type Behaviour, type Population, populate } from './population';
import { QuoteBook } from './quotes';
import {
  type ManagerOperation,
  type OperationHistory,
  type RecordedOperation,
  ReplayMismatchError,
} from './recorded-operations';
import { Rng } from './rng';
import { Scheduler, type TickJob } from './scheduler';
import { Specialists } from './specialists';
import { TradeServer } from './trade-server';
import { Traders } from './traders';

const DAY = 86_400_000;
/** Independent random streams, so a dealer's operation never shifts the price path. */
const STREAM = { population: 1, feed: 2, traders: 3 } as const;
/** A sweep values at most this many positions per tick, amortised (see `sweepMargins`). */
const POSITIONS_PER_TICK = 4;

export class Simulator {
  readonly config: SimulatorConfig;
  readonly catalog: Catalog;
  private readonly journal: Journal;
  private readonly quotes: QuoteBook;
  private readonly server: TradeServer;
  private readonly operations: DealerOperations;
  private readonly market: MarketAhead;
  private readonly traders: Traders;
  private readonly specialists: Specialists;
  /** Work due just before a published tick, keyed by its index (informed traders, market.ts). */
  private readonly tickJobs = new Scheduler<TickJob>();
  private readonly dealer: CoverageDealer;
  private readonly scheduler = new Scheduler();
  private readonly population: Population;
  private readonly rng: Rng;

  private now: TimeMsc;
  private delivered = 0;
  // Each recurring process keeps its next due time as a fraction of a ms, stamped floored.
  private tickClock: number;
  private turnClock: number;
  private moneyClock: number;
  private seedClock: number;
  private seedsLeft: number;
  private readonly seedInterval: number;
  // Stop-out sweep: symbols that ticked since the last one.
  private readonly moved: SymbolInfo[] = [];
  private readonly isMoved: Uint8Array;
  private ticksSinceSweep = 0;
  private readonly wasMoved = (symbol: SymbolInfo): boolean => this.isMoved[symbol.index] === 1;
  // Operations of earlier runs still to re-apply (from `replayed` on), and where new ones go.
  private readonly toReplay: readonly RecordedOperation[];
  private replayed = 0;
  private readonly record: ((record: RecordedOperation) => void) | undefined;

  constructor(config: SimulatorOptions = {}, history: OperationHistory = {}) {
    this.config = resolveConfig(config);
    const { seed, server, startTimeMsc } = this.config;
    this.now = startTimeMsc;
    this.catalog = buildCatalog();
    this.journal = new Journal(server);
    this.quotes = new QuoteBook(this.catalog.symbols);
    this.server = new TradeServer({
      catalog: this.catalog,
      quotes: this.quotes,
      journal: this.journal,
      clock: () => this.now,
    });
    this.operations = new DealerOperations(this.server, this.catalog);
    const horizon = Math.max(1, Math.ceil((this.config.ticksPerSecond * this.config.foresightMs) / 1000));
    this.market = new MarketAhead(
      new PriceFeed(this.catalog.symbols, new Rng(seed, STREAM.feed)),
      this.catalog.symbols,
      horizon,
    );
    this.rng = new Rng(seed, STREAM.traders);
    this.population = populate(this.config, this.catalog, new Rng(seed, STREAM.population));
    this.traders = new Traders(
      {
        rng: this.rng,
        catalog: this.catalog,
        server: this.server,
        operations: this.operations,
        scheduler: this.scheduler,
        now: () => this.now,
      },
      this.population.accounts,
    );
    this.specialists = new Specialists(
      {
        rng: this.rng,
        server: this.server,
        market: this.market,
        scheduler: this.scheduler,
        tickJobs: this.tickJobs,
        ticksPerSecond: this.config.ticksPerSecond,
        foresightMs: this.config.foresightMs,
        symbols: this.catalog.symbols,
        popularSymbol: () => this.traders.popularSymbol(),
        now: () => this.now,
      },
      this.population.accounts,
    );
    this.dealer = new CoverageDealer(this.server, this.catalog);
    this.isMoved = new Uint8Array(this.catalog.symbols.length);
    // A copy: what this run records is appended to the caller's list, and must not replay here.
    this.toReplay = [...(history.replay ?? [])];
    this.record = history.record;

    this.publishReferenceData();
    this.openDay();
    this.market.start(this.specialists);
    this.specialists.start();
    this.tickClock = startTimeMsc + this.rng.exponential(1000 / this.config.ticksPerSecond);
    this.turnClock = startTimeMsc + this.rng.exponential(1000 / this.config.tradesPerSecond);
    this.moneyClock =
      this.config.moneyOperationsPerSecond > 0
        ? startTimeMsc + this.rng.exponential(1000 / this.config.moneyOperationsPerSecond)
        : Number.POSITIVE_INFINITY;
    this.seedsLeft = this.config.initialPositions;
    this.seedInterval = this.config.seedingWindowMs / Math.max(1, this.config.initialPositions);
    this.seedClock = startTimeMsc;
    this.scheduler.schedule(startTimeMsc + this.config.coverageIntervalMs, { kind: 'cover' });
    this.scheduler.schedule(nextMidnight(startTimeMsc), { kind: 'rollover' });
  }

  /** The seq of the last event handed out. */
  get seq(): number {
    return this.delivered;
  }

  /** The virtual clock. */
  get nowMsc(): TimeMsc {
    return this.now;
  }

  /** Events generated but not yet handed out (ahead of `seq`; already in `truth()`). */
  get buffered(): number {
    return this.journal.pending;
  }

  /** The next `maxEvents` events, generated as fast as possible. */
  next(maxEvents: number): SyncEvent[] {
    if (maxEvents <= 0) return [];
    while (this.journal.pending < maxEvents) this.proceed();
    return this.hand(this.journal.take(maxEvents));
  }

  /** Everything due up to `virtualTimeMsc`, plus anything generated earlier and not yet handed out. */
  advanceTo(virtualTimeMsc: TimeMsc): SyncEvent[] {
    while (this.nextWorkAt() <= virtualTimeMsc) this.proceed();
    if (virtualTimeMsc > this.now) this.now = virtualTimeMsc;
    return this.flush();
  }

  /** Hands out everything already generated. */
  flush(): SyncEvent[] {
    return this.hand(this.journal.take(Number.POSITIVE_INFINITY));
  }

  /**
   * Regenerates the stream silently up to and including `seq`, so a desk resuming from a stored
   * cursor continues with `seq + 1` exactly as an uninterrupted run would.
   */
  fastForward(seq: number): void {
    if (seq < this.delivered)
      throw new Error(`cannot rewind from seq ${this.delivered} to ${seq}: start a new Simulator`);
    while (this.journal.seq < seq) this.proceed();
    const skip = seq - this.delivered;
    if (skip > 0) this.hand(this.journal.take(skip));
  }

  // ── what a manager can ask of the server ───────────────────────────────────────────────────

  // Each is outside the seeded stream: recorded when applied, so a replay repeats it (see `proceed`).

  /**
   * A market shock on one symbol (training and tests): its price jumps by `percent` now, and
   * margins are checked at once, so margin calls and stop-outs follow as on a real gap.
   */
  shock(symbolName: string, percent: number): Tick | undefined {
    const operation: ManagerOperation = { kind: 'shock', symbol: symbolName, percent };
    const at = this.operationArrives();
    const tick = this.applyShock(symbolName, percent);
    if (tick !== undefined) this.recordApplied(at, operation);
    return tick;
  }

  balance(
    login: Login,
    action: number,
    amountCents: number,
    comment: string,
    options: BalanceOptions = {},
  ): BalanceReply {
    const operation = balanceOperation(login, action, amountCents, comment, options);
    const at = this.operationArrives();
    const reply = this.operations.applyBalance(operation);
    if (reply.retcode === Retcode.REQUEST_DONE) this.recordApplied(at, operation);
    return this.operations.tap(operation, reply);
  }

  updateUser(login: Login, change: UserChange): UserReply {
    const operation = userChangeOperation(login, change);
    const at = this.operationArrives();
    const reply = this.operations.applyUserChange(operation);
    if (reply.retcode === Retcode.REQUEST_DONE) this.recordApplied(at, operation);
    return this.operations.tap(operation, reply);
  }

  /** Installs the seam through which replies pass after an operation was applied (fault injection). */
  setOperationTap(tap: OperationTap): void {
    this.operations.tap = tap;
  }

  // ── what tests and scorers read ────────────────────────────────────────────────────────────

  /** The last record emitted per key; positions and orders only while open. */
  truth(): GroundTruth {
    return this.journal.truth;
  }

  crm(): { clients: Client[]; clientAccounts: ClientAccount[] } {
    return { clients: this.population.clients, clientAccounts: this.population.clientAccounts };
  }

  behaviours(): Map<Login, Behaviour> {
    return new Map(this.population.accounts.map((a) => [a.login, a.behaviour]));
  }

  // ── operations from outside, and their replay ──────────────────────────────────────────────

  /**
   * Regenerates the stream up to the last operation recorded in earlier runs (its events wait in
   * the journal for delivery), so the server's records hold everything it ever booked: a desk
   * asking "did my lost deposit go through?" after a restart must get the true answer.
   */
  catchUp(): void {
    while (this.replayed < this.toReplay.length) this.proceed();
  }

  /**
   * Brings the server to a point a replay can find again, and returns it. Every step due by now
   * runs first (`next` may stop between two steps of the same ms), so an operation always lands
   * after all the work due by its virtual time and before the rest: `proceed` puts it back there.
   * A restarted run that has not yet regenerated its last recorded operation catches up first: the
   * new one came after those, and must follow them in the stream.
   */
  private operationArrives(): { atSeq: number; nowMsc: TimeMsc } {
    this.catchUp();
    while (this.nextDueAt() <= this.now) this.step();
    return { atSeq: this.journal.seq, nowMsc: this.now };
  }

  private recordApplied(at: { atSeq: number; nowMsc: TimeMsc }, operation: ManagerOperation): void {
    this.record?.({ ...at, operation });
  }

  /** The next piece of work: the next recorded operation once all steps due by its time ran, else a step. */
  private proceed(): void {
    const recorded = this.toReplay[this.replayed];
    if (recorded !== undefined && this.nextDueAt() > recorded.nowMsc) this.reapply(recorded);
    else this.step();
  }

  /** When `proceed` has something due: the next step or the next recorded operation. */
  private nextWorkAt(): TimeMsc {
    const recorded = this.toReplay[this.replayed];
    const dueAt = this.nextDueAt();
    return recorded === undefined ? dueAt : Math.min(dueAt, recorded.nowMsc);
  }

  /** Applies a recorded operation where it first happened, without recording it again or a reply. */
  private reapply(recorded: RecordedOperation): void {
    const mismatch = (why: string) => new ReplayMismatchError(recorded, this.journal.seq, this.now, why);
    if (recorded.atSeq !== this.journal.seq) throw mismatch('the stream did not reach its seq there');
    if (recorded.nowMsc < this.now) throw mismatch('its virtual time has already passed');
    this.now = recorded.nowMsc;
    const op = recorded.operation;
    let applied: boolean;
    switch (op.kind) {
      case 'balance':
        applied = this.operations.applyBalance(op).retcode === Retcode.REQUEST_DONE;
        break;
      case 'updateUser':
        applied = this.operations.applyUserChange(op).retcode === Retcode.REQUEST_DONE;
        break;
      case 'shock':
        applied = this.applyShock(op.symbol, op.percent) !== undefined;
        break;
    }
    // Counted only once applied, so a run that hit a mismatch keeps failing there instead of skipping it.
    if (!applied) throw mismatch('the server refused it this time');
    this.replayed++;
  }

  private applyShock(symbolName: string, percent: number): Tick | undefined {
    const symbol = this.catalog.symbol(symbolName);
    if (!symbol || !(percent > -100)) return undefined;
    const tick = this.publishTick(symbol, this.market.shock(symbol, percent / 100, this.now));
    this.sweepMargins();
    return tick;
  }

  // ── the clock ──────────────────────────────────────────────────────────────────────────────

  private hand(events: SyncEvent[]): SyncEvent[] {
    const last = events[events.length - 1];
    if (last !== undefined) this.delivered = last.seq;
    return events;
  }

  private nextDueAt(): TimeMsc {
    return Math.min(
      this.scheduler.nextAt,
      this.seedsLeft > 0 ? Math.floor(this.seedClock) : Number.POSITIVE_INFINITY,
      Math.floor(this.tickClock),
      Math.floor(this.turnClock),
      Math.floor(this.moneyClock),
    );
  }

  /** Runs the earliest due piece of work; on a tie: scheduled jobs, seeding, ticks, turns, money. */
  private step(): void {
    const jobAt = this.scheduler.nextAt;
    const seedAt = this.seedsLeft > 0 ? Math.floor(this.seedClock) : Number.POSITIVE_INFINITY;
    const tickAt = Math.floor(this.tickClock);
    const turnAt = Math.floor(this.turnClock);
    const moneyAt = Math.floor(this.moneyClock);
    const at = Math.min(jobAt, seedAt, tickAt, turnAt, moneyAt);
    this.now = at;
    if (jobAt === at) this.runJob();
    else if (seedAt === at) {
      this.seedsLeft--;
      this.seedClock += this.seedInterval;
      this.traders.seedPosition();
    } else if (tickAt === at) {
      this.tickClock += this.rng.exponential(1000 / this.config.ticksPerSecond);
      this.tick();
    } else if (turnAt === at) {
      this.turnClock += this.rng.exponential(1000 / this.config.tradesPerSecond);
      this.traders.takeTurn();
    } else {
      this.moneyClock += this.rng.exponential(1000 / this.config.moneyOperationsPerSecond);
      this.traders.moveMoney();
    }
  }

  private runJob(): void {
    const job = this.scheduler.pop();
    if (job === undefined) return;
    switch (job.kind) {
      case 'close':
        this.traders.closeWhenDue(job.ticket);
        return;
      case 'cancel':
        this.traders.cancelWhenDue(job.ticket);
        return;
      case 'cover':
        this.dealer.rebalance();
        this.scheduler.schedule(this.now + this.config.coverageIntervalMs, { kind: 'cover' });
        return;
      case 'rollover':
        this.server.accrueSwap(swapDays(this.now));
        this.scheduler.schedule(nextMidnight(this.now), { kind: 'rollover' });
        return;
      default:
        this.specialists.runJob(job);
        return;
    }
  }

  /** The informed traders act on what they know of the next tick, then the server publishes it. */
  private tick(): void {
    const index = this.market.published;
    while (this.tickJobs.nextAt <= index) {
      const job = this.tickJobs.pop();
      if (job !== undefined) this.specialists.runTickJob(job);
    }
    const { symbol, tick } = this.market.publish(this.now);
    this.publishTick(symbol, tick);
    if (++this.ticksSinceSweep >= this.sweepInterval()) this.sweepMargins();
  }

  /** Quotes and publishes the symbol's tick, fills what it triggers, marks it moved. */
  private publishTick(symbol: SymbolInfo, tick: Tick): Tick {
    this.quotes.set(symbol, tick);
    this.journal.tick(tick);
    const fills = this.server.triggerOrders(symbol);
    if (fills.length > 0) this.traders.onFilled(fills);
    if (this.isMoved[symbol.index] === 0) {
      this.isMoved[symbol.index] = 1;
      this.moved.push(symbol);
    }
    return tick;
  }

  /**
   * A real server re-checks margin on every tick; here accounts holding symbols that moved are
   * checked every few hundred ticks instead, spaced so each tick pays for at most a handful of
   * position valuations however large the book is. Stop-out lands a few virtual seconds late at
   * worst, which the desk cannot tell from a real server's timing.
   */
  private sweepInterval(): number {
    return Math.max(
      Math.ceil(this.config.ticksPerSecond / 2),
      Math.ceil(this.server.openPositionCount / POSITIONS_PER_TICK),
    );
  }

  private sweepMargins(): void {
    this.ticksSinceSweep = 0;
    this.server.checkMargins(this.wasMoved);
    for (const symbol of this.moved) this.isMoved[symbol.index] = 0;
    this.moved.length = 0;
  }

  /** Reference data first (seq 1..), then the accounts, as a real server's first sync would. */
  private publishReferenceData(): void {
    for (const symbol of this.catalog.symbols) this.journal.symbol(symbol.spec);
    for (const group of this.catalog.groups) this.journal.group(group.spec);
    for (const a of this.population.accounts) {
      this.server.openAccount({
        login: a.login,
        group: a.group,
        name: a.name,
        leverage: a.leverage,
        rights: a.rights,
        country: a.country,
        registrationMsc: a.registrationMsc,
      });
    }
  }

  /** The live stream opens with a quote for every symbol and every account's funding deposit. */
  private openDay(): void {
    for (const symbol of this.catalog.symbols) {
      const tick = this.market.initialTick(symbol, this.now);
      this.quotes.set(symbol, tick);
      this.journal.tick(tick);
    }
    for (const a of this.population.accounts) {
      const account = this.server.account(a.login);
      if (account !== undefined)
        this.server.bookBalance(account, DealAction.BALANCE, a.initialDeposit, 'initial deposit');
    }
  }
}

function nextMidnight(t: TimeMsc): TimeMsc {
  return (Math.floor(t / DAY) + 1) * DAY;
}

/**
 * Swap days charged by the rollover at `t` (00:00 server time): none on the weekend rollovers,
 * three on Thursday's (the Wednesday night that pays for the weekend), one otherwise.
 */
function swapDays(t: TimeMsc): number {
  const weekday = (Math.floor(t / DAY) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  if (weekday === 0 || weekday === 1) return 0;
  return weekday === 4 ? 3 : 1;
}
