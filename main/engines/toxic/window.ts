/**
 * One account's rolling window: its last N closed trades and, per detector, the running sum of
 * their tallies. A trade entering adds its tallies, the one it pushes out takes its own back, so
 * keeping every detector current costs O(detectors) per closed trade, whatever N is. The sums are
 * rebuilt from the trades once per N evictions, which keeps floating-point drift from piling up.
 */
import type { ToxicSettings } from '../../../shared/toxic';
import type { Detector, Verdict } from './detector';
import type { ClosedTrade } from './trade';

export class TradeWindow {
  /** A ring of the last `capacity` trades: `count` of them from `start` on. */
  private ring: (ClosedTrade | undefined)[];
  private start = 0;
  private count = 0;
  private readonly sums: number[][];
  private evictions = 0;

  constructor(
    private readonly detectors: readonly Detector[],
    private capacity: number,
  ) {
    this.ring = new Array<ClosedTrade | undefined>(capacity);
    this.sums = detectors.map((d) => new Array<number>(d.size).fill(0));
  }

  get size(): number {
    return this.count;
  }

  /** The trades, oldest first (a copy). */
  trades(): ClosedTrade[] {
    const out: ClosedTrade[] = [];
    for (let k = 0; k < this.count; k++) out.push(this.at(k));
    return out;
  }

  /** Visits the trades, oldest first, without copying them. */
  forEach(visit: (trade: ClosedTrade) => void): void {
    for (let k = 0; k < this.count; k++) visit(this.at(k));
  }

  get newest(): ClosedTrade | undefined {
    return this.count === 0 ? undefined : this.at(this.count - 1);
  }

  add(trade: ClosedTrade, settings: ToxicSettings): void {
    if (this.count === this.capacity) {
      const old = this.at(0);
      this.ring[this.start] = undefined;
      this.start = (this.start + 1) % this.capacity;
      this.count--;
      this.apply(old, settings, -1);
      if (++this.evictions >= this.capacity) this.rebuild(settings);
    }
    this.ring[(this.start + this.count) % this.capacity] = trade;
    this.count++;
    this.apply(trade, settings, 1);
  }

  /** The detectors' verdicts on the window as it stands. */
  verdicts(settings: ToxicSettings): Verdict[] {
    return this.detectors.map((d, i) => d.judge(this.sums[i] as number[], this.count, settings));
  }

  /** New settings change what each trade tallies, and maybe the window's length. */
  resettle(settings: ToxicSettings): void {
    const kept = this.trades().slice(-settings.windowTrades);
    this.capacity = settings.windowTrades;
    this.ring = new Array<ClosedTrade | undefined>(this.capacity);
    kept.forEach((t, k) => {
      this.ring[k] = t;
    });
    this.start = 0;
    this.count = kept.length;
    this.rebuild(settings);
  }

  private at(k: number): ClosedTrade {
    return this.ring[(this.start + k) % this.capacity] as ClosedTrade;
  }

  private rebuild(settings: ToxicSettings): void {
    this.evictions = 0;
    for (const sum of this.sums) sum.fill(0);
    for (let k = 0; k < this.count; k++) this.apply(this.at(k), settings, 1);
  }

  private apply(trade: ClosedTrade, settings: ToxicSettings, sign: 1 | -1): void {
    this.detectors.forEach((d, i) => {
      const tally = d.tally(trade, settings);
      const sum = this.sums[i] as number[];
      for (let k = 0; k < tally.length; k++) sum[k] = (sum[k] as number) + sign * (tally[k] as number);
    });
  }
}
