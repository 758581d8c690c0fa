/**
 * The ticks of one batch. Most events are ticks, and within a batch each symbol's tick is
 * overwritten many times before the commit, so the newest per symbol is tracked in memory and
 * written once when the batch closes: one write per symbol per batch instead of one upsert per
 * tick. Every tick is still judged against the newest before it, so what counts as applied,
 * duplicate or stale is exactly what one upsert per tick would give.
 *
 * Where each symbol's stored tick stands is remembered across batches (`CommittedTicks`), so a
 * batch reads a symbol's stamp from the file only the first time the connection sees it. The
 * memory is updated only after the batch's commit succeeds, so a rolled-back batch leaves it as
 * the file is; it is exact because the cache is the mirror file's only writer.
 */
import type { ServerId } from '../../shared/domain';
import type { EventOf } from '../../shared/events';
import { APPLIED, DUPLICATE, type Outcome, STALE } from './apply-outcome';
import type { MirrorStatements, TickStamp } from './mirror-statements';

type TickEvent = EventOf<'tick'>;

/** The stored (committed) stamp of each symbol seen so far, per server. */
export class CommittedTicks {
  private readonly byServer = new Map<ServerId, Map<string, TickStamp>>();

  of(server: ServerId): Map<string, TickStamp> {
    let stamps = this.byServer.get(server);
    if (stamps === undefined) {
      stamps = new Map();
      this.byServer.set(server, stamps);
    }
    return stamps;
  }
}

interface Newest {
  timeMsc: number;
  seq: number;
  /** The tick to write at the end of the batch; undefined while the stored one is still the newest. */
  unwritten: TickEvent | undefined;
}

export class BatchTicks {
  private readonly newestBySymbol = new Map<string, Newest>();
  /** Undefined when the batch runs inside a caller's transaction: then the file is asked each time. */
  private readonly committed: Map<string, TickStamp> | undefined;

  constructor(
    private readonly sql: Pick<MirrorStatements, 'tickStamp' | 'upsertTick'>,
    private readonly server: ServerId,
    committed: CommittedTicks | undefined,
  ) {
    this.committed = committed?.of(server);
  }

  offer(event: TickEvent): Outcome {
    const { symbol, timeMsc } = event.tick;
    let newest = this.newestBySymbol.get(symbol);
    if (newest === undefined) {
      const stored = this.committed?.get(symbol) ?? this.sql.tickStamp(this.server, symbol);
      newest = { timeMsc: stored?.timeMsc ?? -1, seq: stored?.seq ?? -1, unwritten: undefined };
      this.newestBySymbol.set(symbol, newest);
    }
    // Ticks order by (timeMsc, seq): two ticks in one millisecond keep the later one sent.
    if (timeMsc > newest.timeMsc || (timeMsc === newest.timeMsc && event.seq > newest.seq)) {
      newest.timeMsc = timeMsc;
      newest.seq = event.seq;
      newest.unwritten = event;
      return APPLIED;
    }
    return timeMsc === newest.timeMsc && event.seq === newest.seq ? DUPLICATE : STALE;
  }

  /** Writes the newest tick of each symbol; call inside the batch's transaction, before the cursor. */
  flush(): void {
    for (const newest of this.newestBySymbol.values()) {
      if (newest.unwritten) this.sql.upsertTick(this.server, newest.unwritten.seq, newest.unwritten.tick);
    }
  }

  /** Call once the batch's transaction has committed: the file now holds what `flush` wrote. */
  committedNow(): void {
    if (this.committed === undefined) return;
    for (const [symbol, newest] of this.newestBySymbol) {
      if (newest.timeMsc >= 0) this.committed.set(symbol, { timeMsc: newest.timeMsc, seq: newest.seq });
    }
  }
}
