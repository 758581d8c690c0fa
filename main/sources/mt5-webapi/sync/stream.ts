/**
 * The source's side of the stream: numbers events (seq strictly increasing per server, carried
 * in the cursor, so a restart resumes after it), keeps the deal and tick resume points, and hands
 * batches over with the cursor that follows them. A batch is flushed when it is full, so the
 * cursor always describes exactly what was handed over.
 */
import type { ServerId } from '../../../../shared/domain';
import type { SourceCursor } from '../../../../shared/events';
import type { BatchListener } from '../../source';
import type { Mapped, WireRecord } from '../mappers/reader';

export type SourceState = 'connecting' | 'syncing' | 'live' | 'lagging' | 'down';

/** Dead-lettered records remembered so one bad record is not sent again every poll. */
const MAX_REMEMBERED_MALFORMED = 10_000;

export class EventStream {
  private cursor: SourceCursor;
  private pending: unknown[] = [];
  private readonly malformedSeen = new Set<string>();

  constructor(
    readonly server: ServerId,
    start: SourceCursor,
    private readonly listener: BatchListener,
    private readonly maxBatch: number,
  ) {
    this.cursor = { ...start };
  }

  get position(): Readonly<SourceCursor> {
    return this.cursor;
  }

  /** Adds an event; `versioned` events take their seq as version (see WebApiSource on why). */
  add(event: Record<string, unknown>, versioned: boolean): void {
    const seq = this.cursor.seq + 1;
    this.cursor = { ...this.cursor, seq };
    this.pending.push(
      versioned ? { ...event, server: this.server, seq, version: seq } : { ...event, server: this.server, seq },
    );
    if (this.pending.length >= this.maxBatch) this.flush();
  }

  /** A deal moves the deal resume point with it, in the same batch. */
  addDeal(event: Record<string, unknown>, timeMsc: number, ticket: number): void {
    this.cursor = { ...this.cursor, dealTimeMsc: timeMsc, dealTicket: ticket };
    this.add(event, false);
  }

  /** Ticks resume from the server's trans_id; it travels with the next batch. */
  setTickTransId(transId: string): void {
    this.cursor = { ...this.cursor, tickTransId: transId.slice(0, 32) };
  }

  /**
   * A record that failed strict parsing, as the event it would have been with its raw values in
   * place: the cache refuses it at that field and keeps it as a dead letter. Sent once per content.
   */
  malformed(type: string, entity: string, result: Mapped<unknown>, raw: WireRecord, versioned: boolean): void {
    if (result.ok) return;
    const print = `${type}:${JSON.stringify(raw)}`;
    if (this.malformedSeen.has(print)) return;
    if (this.malformedSeen.size >= MAX_REMEMBERED_MALFORMED) this.malformedSeen.clear();
    this.malformedSeen.add(print);
    this.add({ type, [entity]: result.value, problems: result.problems, wire: raw }, versioned);
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.listener(batch, this.cursor);
  }

  /** A status event goes out at once, after whatever was pending; it does not take a new seq. */
  status(state: SourceState, message: string, lagMs: number): void {
    this.flush();
    const event = {
      type: 'source.status',
      server: this.server,
      seq: this.cursor.seq,
      state,
      lagMs: Math.max(0, Math.round(lagMs)),
      message: message.slice(0, 512),
    };
    this.listener([event], this.cursor);
  }
}
