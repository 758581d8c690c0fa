/**
 * When each poll runs. Every poll has its period; a round runs the ones that are due, in a fixed
 * order, one request at a time (the session is one connection). How late the book and deal polls
 * started is what the source reports as lag.
 */
import type { Clock } from './connection/pacing';

export interface PollIntervals {
  /** tick/last with trans_id. Default 250 ms. */
  ticks: number;
  /** Account states, positions, orders by batch. Default 1 s. */
  book: number;
  /** deal/get_batch from the cursor. Default 1 s. */
  deals: number;
  /** User records (group, leverage, rights, name). Default 5 s. */
  users: number;
  /** Symbols and groups. Default 60 s. */
  reference: number;
}

export const DEFAULT_INTERVALS: PollIntervals = {
  ticks: 250,
  book: 1_000,
  deals: 1_000,
  users: 5_000,
  reference: 60_000,
};

export type PollName = keyof PollIntervals;
const ORDER: readonly PollName[] = ['reference', 'users', 'book', 'deals', 'ticks'];
/** The polls whose lateness is the desk's data age. */
const LAG_MEASURED: ReadonlySet<PollName> = new Set(['book', 'deals']);

export class Rounds {
  private readonly intervals: PollIntervals;
  private readonly dueAt = new Map<PollName, number>();

  constructor(
    private readonly clock: Clock,
    intervals: Partial<PollIntervals> | undefined,
    private readonly polls: Record<PollName, () => Promise<void>>,
  ) {
    this.intervals = { ...DEFAULT_INTERVALS, ...intervals };
  }

  /** Runs the named polls now (the full sync), `after` each; each is next due one period later. */
  async runAll(names: readonly PollName[], after: () => void): Promise<void> {
    for (const name of names) {
      const started = this.clock.now();
      await this.polls[name]();
      after();
      this.dueAt.set(name, started + this.intervals[name]);
    }
  }

  /** Runs the polls that are due; returns how late the latest measured one started (ms). */
  async runDue(after: () => void): Promise<number> {
    let lateness = 0;
    for (const name of ORDER) {
      const due = this.dueAt.get(name) ?? 0;
      const started = this.clock.now();
      if (started < due) continue;
      if (LAG_MEASURED.has(name) && due > 0) lateness = Math.max(lateness, started - due);
      await this.polls[name]();
      after();
      // From when it started: a slow server shows as growing lateness rather than drifting periods.
      this.dueAt.set(name, Math.max(due + this.intervals[name], started));
    }
    return lateness;
  }

  /** How long until the next poll is due (at least 5 ms, so the loop never spins). */
  msUntilNext(): number {
    const now = this.clock.now();
    let next = Number.POSITIVE_INFINITY;
    for (const name of ORDER) next = Math.min(next, this.dueAt.get(name) ?? now);
    return Math.max(5, next - now);
  }
}
