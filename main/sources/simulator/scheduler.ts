/**
 * Future work of the simulated server (a trader closing a position later, an order expiring,
 * the coverage dealer's next round, the daily rollover), in virtual-time order. Ties run in the
 * order they were scheduled, so a seed always replays the same way. The same heap orders work
 * keyed by the published tick it must precede (`TickJob`, see market.ts).
 */
import type { TimeMsc } from '../../../shared/units';

export type Job =
  | { kind: 'close'; ticket: number }
  | { kind: 'cancel'; ticket: number }
  | { kind: 'cover' }
  | { kind: 'rollover' }
  /** A latency arbitrageur's exit: closes in profit, or at `deadline` whatever the price. */
  | { kind: 'arbitrage-exit'; ticket: number; deadline: TimeMsc }
  /** A martingale or sharp winner's next look at its book. */
  | { kind: 'martingale'; login: number }
  | { kind: 'sharp'; login: number };

/** Work due just before a published tick (by its index): informed traders acting ahead of the feed. */
export type TickJob =
  | { kind: 'arbitrage'; symbol: number; action: 0 | 1; jumpIndex: number }
  | { kind: 'news'; symbol: number; spellIndex: number; midBefore: number };

interface Entry<J> {
  at: number;
  order: number;
  job: J;
}

/** A binary min-heap on (at, order); `at` is a virtual time, or a tick index for `TickJob`s. */
export class Scheduler<J = Job> {
  private readonly heap: Entry<J>[] = [];
  private scheduled = 0;

  get size(): number {
    return this.heap.length;
  }

  /** When the earliest job is due, or Infinity when nothing is scheduled. */
  get nextAt(): number {
    return this.heap[0]?.at ?? Number.POSITIVE_INFINITY;
  }

  schedule(at: number, job: J): void {
    const heap = this.heap;
    const entry: Entry<J> = { at, order: this.scheduled++, job };
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent] as Entry<J>;
      if (!earlier(entry, above)) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = entry;
  }

  /** Removes and returns the earliest job. */
  pop(): J | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top?.job;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && earlier(heap[right] as Entry<J>, heap[left] as Entry<J>) ? right : left;
      const candidate = heap[child] as Entry<J>;
      if (!earlier(candidate, last)) break;
      heap[i] = candidate;
      i = child;
    }
    heap[i] = last;
    return top.job;
  }
}

function earlier<J>(a: Entry<J>, b: Entry<J>): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}
