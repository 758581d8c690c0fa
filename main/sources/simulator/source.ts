/**
 * The simulator as a Source: a timer drives the virtual clock at the chosen speed and hands each
 * batch to the desk with the cursor that follows it. Real time is ×1, accelerated ×N, flat-out
 * generates as fast as the event loop allows, and 0 pauses.
 */
import type { Client, ClientAccount, ServerId, Tick } from '../../../shared/domain';
import type { SourceCursor, SyncEvent } from '../../../shared/events';
import type { BatchListener, Source } from '../source';
import type { SimulatorConfig } from './config';
import { type RecordedOperation, ReplayMismatchError } from './recorded-operations';
import { Simulator } from './simulator';

export const SimulatorSpeed = { PAUSED: 0, REAL_TIME: 1, FLAT_OUT: Number.POSITIVE_INFINITY } as const;

export interface SimulatorSourceOptions {
  /** Virtual ms per real ms: 0 pauses, 1 is real time, Infinity is flat-out. Default 1. */
  speed?: number;
  /** Timer period. */
  intervalMs?: number;
  /** Flat-out: how long one timer turn may generate before yielding to the event loop. */
  flatOutSliceMs?: number;
  /** Most events in one batch; larger bursts are split. */
  maxBatch?: number;
  /** Real clock for pacing (outside the simulation, which never reads it). */
  realClock?: () => number;
  /** Operations from outside the seeded stream applied in earlier runs, in order (a store's `load`). */
  recordedOperations?: readonly RecordedOperation[];
  /** Receives each new one before its reply returns (a store's `append`); see `OperationHistory.record`. */
  onOperation?: (record: RecordedOperation) => void;
}

export class SimulatorSource implements Source {
  readonly kind = 'simulator';
  readonly server: ServerId;
  private current: Simulator;
  private speed: number;
  private readonly intervalMs: number;
  private readonly sliceMs: number;
  private readonly maxBatch: number;
  private readonly realClock: () => number;
  /** Every operation this server has applied, earlier runs' and this one's: what a new run replays. */
  private readonly recorded: RecordedOperation[];
  private readonly onOperation: ((record: RecordedOperation) => void) | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Why the server stopped, when its recorded operations did not fit the stream. */
  private downBecause: string | undefined;
  private listener: BatchListener | undefined;
  private cursor: SourceCursor = { seq: 0, dealTimeMsc: 0, dealTicket: 0, tickTransId: '' };
  private lastRealMs = 0;
  /** Virtual time the pacing has reached, with the fraction of a ms a short timer turn leaves. */
  private virtualMs = 0;

  constructor(
    private readonly config: Partial<SimulatorConfig> = {},
    options: SimulatorSourceOptions = {},
  ) {
    this.recorded = [...(options.recordedOperations ?? [])];
    this.onOperation = options.onOperation;
    this.current = this.newRun();
    this.server = this.current.config.server;
    this.speed = checkSpeed(options.speed ?? SimulatorSpeed.REAL_TIME);
    this.intervalMs = options.intervalMs ?? 15;
    this.sliceMs = options.flatOutSliceMs ?? 10;
    this.maxBatch = options.maxBatch ?? 5_000;
    this.realClock = options.realClock ?? (() => performance.now());
  }

  /** The server being simulated: for dealer operations, ground truth and behaviours. */
  get simulator(): Simulator {
    return this.current;
  }

  crm(): { clients: Client[]; clientAccounts: ClientAccount[] } {
    return this.current.crm();
  }

  get currentSpeed(): number {
    return this.speed;
  }

  /** Changes the speed (0 pauses) and returns the speed now in force. */
  setSpeed(speed: number): number {
    this.speed = checkSpeed(speed);
    this.lastRealMs = this.realClock();
    this.virtualMs = this.current.nowMsc;
    this.reportLive();
    return this.speed;
  }

  /** A market shock (see Simulator.shock); its tick and what follows go out at once. */
  shock(symbol: string, percent: number): Tick | undefined {
    const tick = this.current.shock(symbol, percent);
    if (tick) this.deliverNow();
    return tick;
  }

  /** Hands the desk what an operation just generated, without waiting for the next timer turn. */
  deliverNow(): void {
    this.deliver(this.current.flush());
  }

  start(cursor: SourceCursor, onBatch: BatchListener): void {
    if (this.timer !== undefined) throw new Error(`simulator ${this.server} is already running`);
    // A cursor behind this run means the desk restarted from its store: replay from the beginning.
    if (cursor.seq < this.current.seq) this.current = this.newRun();
    this.listener = onBatch;
    this.cursor = { ...cursor, tickTransId: '' };
    this.downBecause = undefined;
    if (!this.replaying(() => this.current.fastForward(cursor.seq))) return;
    this.cursor = { ...cursor, seq: this.current.seq, tickTransId: '' };
    this.lastRealMs = this.realClock();
    this.virtualMs = this.current.nowMsc;
    this.timer = setInterval(() => this.pump(), this.intervalMs);
    this.reportLive();
  }

  /** A simulator that replays every operation recorded so far and records the ones to come. */
  private newRun(): Simulator {
    return new Simulator(this.config, {
      replay: this.recorded,
      record: (record) => {
        // Kept before it is handed on, so a restart in this process replays it even if the store failed.
        this.recorded.push(record);
        this.onOperation?.(record);
      },
    });
  }

  /** The embedded server is always reachable: it is live (saying so when paused) unless its records did not fit. */
  private reportLive(): void {
    if (this.downBecause !== undefined) this.report('down', this.downBecause);
    else this.report('live', this.speed === SimulatorSpeed.PAUSED ? 'paused' : `embedded simulator ×${this.speed}`);
  }

  private report(state: 'live' | 'down', message: string): void {
    if (this.listener === undefined) return;
    const status: SyncEvent = {
      type: 'source.status',
      server: this.server,
      seq: this.cursor.seq,
      state,
      lagMs: 0,
      message: message.slice(0, 512),
    };
    this.listener([status], this.cursor);
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.listener = undefined;
  }

  /** One timer turn; public so a test can drive it without waiting for the timer. */
  pump(): void {
    this.replaying(() => this.generate());
  }

  /**
   * Runs `work`, which may regenerate recorded operations. Records that do not fit the stream
   * belong to another one: the server stops and says why, rather than fail the desk's start or
   * throw from a timer. Returns whether it still runs.
   */
  private replaying(work: () => void): boolean {
    try {
      work();
      return true;
    } catch (error) {
      if (!(error instanceof ReplayMismatchError)) throw error;
      clearInterval(this.timer);
      this.timer = undefined;
      this.downBecause = error.message;
      this.report('down', error.message);
      return false;
    }
  }

  private generate(): void {
    const now = this.realClock();
    const elapsed = now - this.lastRealMs;
    this.lastRealMs = now;
    if (this.speed === SimulatorSpeed.PAUSED) return;
    if (this.speed === SimulatorSpeed.FLAT_OUT) {
      const deadline = now + this.sliceMs;
      do this.deliver(this.current.next(this.maxBatch));
      while (this.listener !== undefined && this.realClock() < deadline);
      this.virtualMs = this.current.nowMsc;
      return;
    }
    this.virtualMs = Math.max(this.virtualMs, this.current.nowMsc) + elapsed * this.speed;
    const events = this.current.advanceTo(Math.floor(this.virtualMs));
    for (let from = 0; from < events.length; from += this.maxBatch) {
      this.deliver(from === 0 && events.length <= this.maxBatch ? events : events.slice(from, from + this.maxBatch));
    }
  }

  private deliver(events: SyncEvent[]): void {
    const listener = this.listener;
    if (listener === undefined || events.length === 0) return;
    let { dealTimeMsc, dealTicket } = this.cursor;
    for (const event of events) {
      if (event.type === 'deal.add') {
        dealTimeMsc = event.deal.timeMsc;
        dealTicket = event.deal.ticket;
      }
    }
    const last = events[events.length - 1] as SyncEvent;
    this.cursor = { seq: last.seq, dealTimeMsc, dealTicket, tickTransId: '' };
    listener(events, this.cursor);
  }
}

function checkSpeed(speed: number): number {
  if (!(speed >= 0)) throw new Error(`simulator speed must be >= 0, got ${speed}`);
  return speed;
}
