/**
 * Runs the simulator in real time while the server is up, as SimulatorSource does for the
 * embedded desk: each timer turn advances the virtual clock by the real time elapsed × speed and
 * hands what the simulator emitted to the server's book (ticks, reference data). Trades, deals and
 * accounts need no hand-over: they are read from the simulator's ground truth.
 */
import type { Simulator } from '../simulator';
import type { ServerBook } from './book';

const TURN_MS = 15;

export class SimulatorClock {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastRealMs = 0;
  private virtualMs = 0;

  constructor(
    private readonly simulator: Simulator,
    private readonly book: ServerBook,
    private readonly speed: number,
  ) {
    if (!(speed >= 0)) throw new Error(`speed must be >= 0, got ${speed}`);
  }

  start(): void {
    // Reference data and whatever is due at the start time, before the first client can ask.
    this.book.absorb(this.simulator.advanceTo(this.simulator.nowMsc));
    this.lastRealMs = performance.now();
    this.virtualMs = this.simulator.nowMsc;
    this.timer = setInterval(() => this.turn(), TURN_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private turn(): void {
    const now = performance.now();
    const elapsed = now - this.lastRealMs;
    this.lastRealMs = now;
    // Operations the API applied between turns are already in truth(); their events come out here.
    this.virtualMs = Math.max(this.virtualMs, this.simulator.nowMsc) + elapsed * this.speed;
    this.book.absorb(this.simulator.advanceTo(Math.floor(this.virtualMs)));
  }
}
