/**
 * A symbol's recent prices, kept small and updated in O(1) amortised per tick:
 * - `MidHistory`: the last mid of each second over one window, so "the move over the last 60 s"
 *   is the latest mid minus the mid at (t − window), at one-second resolution;
 * - `TypicalMove`: an exponential average of the absolute move of past whole windows, the
 *   "recent typical move" a spike is measured against.
 * Times are the server's tick times, so an MT5 server's clock offset does not matter.
 */

export class MidHistory {
  private readonly seconds: number[] = [];
  private readonly mids: number[] = [];
  /** Entries before `head` are dropped; compacted now and then so the arrays stay window-sized. */
  private head = 0;

  get latest(): number | undefined {
    return this.mids.length > this.head ? this.mids[this.mids.length - 1] : undefined;
  }

  get latestSecond(): number | undefined {
    return this.seconds.length > this.head ? this.seconds[this.seconds.length - 1] : undefined;
  }

  /** Out-of-order ticks (older than the last kept second) are ignored: they would rewrite the past. */
  record(timeMsc: number, mid: number): void {
    const second = Math.floor(timeMsc / 1000);
    const last = this.latestSecond;
    if (last !== undefined && second < last) return;
    if (last === second) this.mids[this.mids.length - 1] = mid;
    else {
      this.seconds.push(second);
      this.mids.push(mid);
    }
  }

  /**
   * |latest − mid at (nowMsc − windowMs)|: the reference is the last mid at or before that time,
   * or the oldest kept when the history is shorter than a window. Drops what no later call needs.
   */
  moveOver(nowMsc: number, windowMs: number): number {
    const latest = this.latest;
    if (latest === undefined) return 0;
    const referenceSecond = Math.floor((nowMsc - windowMs) / 1000);
    while (this.head + 1 < this.seconds.length && this.seconds[this.head + 1]! <= referenceSecond) this.head++;
    if (this.head > 64 && this.head * 2 > this.seconds.length) {
      this.seconds.splice(0, this.head);
      this.mids.splice(0, this.head);
      this.head = 0;
    }
    return Math.abs(latest - this.mids[this.head]!);
  }
}

export class TypicalMove {
  private windowIndex = -1;
  private openMid = 0;
  private lastMid = 0;
  private average = 0;
  /** Whole windows seen so far. */
  windows = 0;

  /** The typical absolute move of one window, or null until `minWindows` were seen (or it is 0). */
  typical(minWindows: number): number | null {
    return this.windows >= minWindows && this.average > 0 ? this.average : null;
  }

  record(timeMsc: number, mid: number, windowMs: number, typicalWindows: number): void {
    const index = Math.floor(timeMsc / windowMs);
    if (this.windowIndex < 0) {
      this.windowIndex = index;
      this.openMid = mid;
    } else if (index > this.windowIndex) {
      this.windows++;
      // A plain mean until the average has enough windows, then exponential over ~typicalWindows.
      const weight = Math.max(1 / this.windows, 2 / (typicalWindows + 1));
      this.average += weight * (Math.abs(this.lastMid - this.openMid) - this.average);
      // Consecutive windows chain close to open; after a gap (market closed) start afresh, so a
      // weekend is not one window's move.
      this.openMid = index === this.windowIndex + 1 ? this.lastMid : mid;
      this.windowIndex = index;
    } else if (index < this.windowIndex) {
      return;
    }
    this.lastMid = mid;
  }
}
