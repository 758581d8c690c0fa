/**
 * What the engine sees of the broker's own feed, per symbol: the latest quote, the start of
 * volatility spikes, and the moves that followed recent opens. An open is watched for the longer
 * of the arbitrage window (how far the mid went its way) and the news lead (whether a spike began
 * soon after); the list is trimmed as ticks arrive, so it holds only opens of the last seconds.
 */
import type { ToxicSettings } from '../../../shared/toxic';
import type { TimeMsc } from '../../../shared/units';

/** Fast average of the per-tick move: reacts within a few ticks. */
const FAST = 0.3;
/** Most opens watched at once per symbol; beyond it the oldest stop being watched. */
const MAX_WATCHED = 1_000;

/** One open being watched: filled in by the symbol's ticks, read when the trade closes. */
export interface OpenWatch {
  readonly openTimeMsc: TimeMsc;
  readonly side: 0 | 1;
  /** The broker's quote when the position opened (null: no tick of the symbol seen yet). */
  readonly midAtOpen: number | null;
  readonly spreadAtOpen: number | null;
  /** Largest move of the mid the position's way within the arbitrage window, price units. */
  bestMove: number;
  sinceSpikeMs: number | null;
  untilSpikeMs: number | null;
}

export class SymbolFeed {
  mid: number | null = null;
  spread: number | null = null;
  private ticks = 0;
  private typicalSpread = 0;
  private typicalMove = 0;
  private fastMove = 0;
  private inSpike = false;
  private calmRun = 0;
  /** When the latest spike started. */
  lastSpikeMsc: TimeMsc | null = null;
  private watched: OpenWatch[] = [];
  private head = 0;

  /** Starts watching an open at the current quote. */
  watch(openTimeMsc: TimeMsc, side: 0 | 1): OpenWatch {
    const watch: OpenWatch = {
      openTimeMsc,
      side,
      midAtOpen: this.mid,
      spreadAtOpen: this.spread !== null && this.spread > 0 ? this.spread : null,
      bestMove: 0,
      sinceSpikeMs: this.lastSpikeMsc === null ? null : openTimeMsc - this.lastSpikeMsc,
      untilSpikeMs: null,
    };
    if (this.watched.length - this.head >= MAX_WATCHED) this.head++;
    this.watched.push(watch);
    return watch;
  }

  /** A tick: moves the watched opens, finds spike starts, returns whether one started here. */
  tick(timeMsc: TimeMsc, bid: number, ask: number, s: ToxicSettings): boolean {
    const mid = (bid + ask) / 2;
    const spread = ask - bid;
    const started = this.spike(mid, spread, s);
    if (started) this.lastSpikeMsc = timeMsc;
    this.mid = mid;
    this.spread = spread;
    this.follow(timeMsc, mid, started, s);
    return started;
  }

  private spike(mid: number, spread: number, s: ToxicSettings): boolean {
    const n = s.news;
    const move = this.mid === null ? 0 : Math.abs(mid - this.mid);
    this.ticks++;
    if (this.ticks === 1) {
      this.typicalSpread = spread;
      return false;
    }
    this.fastMove += FAST * (move - this.fastMove);
    // A cold baseline says nothing: judge only after a fifth of the averaging length.
    const warm = this.ticks > n.baselineTicks / 5 && this.typicalSpread > 0;
    const spiky =
      warm &&
      (spread >= n.spreadMultiple * this.typicalSpread ||
        (this.typicalMove > 0 && this.fastMove >= n.moveMultiple * this.typicalMove));
    const alpha = 1 / Math.min(this.ticks, n.baselineTicks);
    this.typicalSpread += alpha * (spread - this.typicalSpread);
    this.typicalMove += alpha * (move - this.typicalMove);
    if (spiky) {
      this.calmRun = 0;
      if (!this.inSpike) {
        this.inSpike = true;
        return true;
      }
      return false;
    }
    if (this.inSpike && ++this.calmRun >= n.calmTicks) this.inSpike = false;
    return false;
  }

  private follow(timeMsc: TimeMsc, mid: number, spikeStarted: boolean, s: ToxicSettings): void {
    const windowMs = s.latencyArb.windowMs;
    const keepMs = Math.max(windowMs, s.news.beforeSpikeMs);
    while (this.head < this.watched.length && timeMsc - (this.watched[this.head] as OpenWatch).openTimeMsc > keepMs) {
      this.head++;
    }
    if (this.head > 64 && this.head * 2 > this.watched.length) {
      this.watched = this.watched.slice(this.head);
      this.head = 0;
    }
    for (let k = this.head; k < this.watched.length; k++) {
      const w = this.watched[k] as OpenWatch;
      const age = timeMsc - w.openTimeMsc;
      if (age <= windowMs && w.midAtOpen !== null) {
        const move = w.side === 0 ? mid - w.midAtOpen : w.midAtOpen - mid;
        if (move > w.bestMove) w.bestMove = move;
      }
      if (spikeStarted && w.untilSpikeMs === null && age <= s.news.beforeSpikeMs) w.untilSpikeMs = age;
    }
  }
}

/** The watch's move in spreads of the quote at the open, or null when there was no quote. */
export function moveInSpreads(w: OpenWatch): number | null {
  if (w.midAtOpen === null || w.spreadAtOpen === null) return null;
  return w.bestMove / w.spreadAtOpen;
}
