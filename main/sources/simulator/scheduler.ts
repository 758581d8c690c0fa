/**
 * Future work of the simulated server (a trader closing a position later, an order expiring,
 * the coverage dealer's next round, the daily rollover), in virtual-time order. Ties run in the
 * order they were scheduled, so a seed always replays the same way.
 */
import type { TimeMsc } from '../../../shared/units';

export type Job =
  | { kind: 'close'; ticket: number }
  | { kind: 'cancel'; ticket: number }
  | { kind: 'cover' }
  | { kind: 'rollover' };

interface Entry {
  at: TimeMsc;
  order: number;
  job: Job;
}

/** A binary min-heap on (at, order). */
export class Scheduler {
  private readonly heap: Entry[] = [];
  private scheduled = 0;

  get size(): number {
    return this.heap.length;
  }

  /** When the earliest job is due, or Infinity when nothing is scheduled. */
  get nextAt(): number {
    return this.heap[0]?.at ?? Number.POSITIVE_INFINITY;
  }

  schedule(at: TimeMsc, job: Job): void {
    const heap = this.heap;
    const entry: Entry = { at, order: this.scheduled++, job };
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent] as Entry;
      if (!earlier(entry, above)) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = entry;
  }

  /** Removes and returns the earliest job. */
  pop(): Job | undefined {
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
      const child = right < n && earlier(heap[right] as Entry, heap[left] as Entry) ? right : left;
      const candidate = heap[child] as Entry;
      if (!earlier(candidate, last)) break;
      heap[i] = candidate;
      i = child;
    }
    heap[i] = last;
    return top.job;
  }
}

function earlier(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}
