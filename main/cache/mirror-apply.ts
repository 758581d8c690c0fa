/**
 * Applies one batch from a source to the mirror, exactly once, in one transaction
 * (ARCHITECTURE.md §1 step 2): validate, dead-letter what is malformed, apply by the rules of
 * each entity, advance the cursor. What changed state is handed back for the engines.
 */
import type Database from 'better-sqlite3';
import type { ServerId } from '../../shared/domain';
import { parseSyncEvent, type SourceCursor, type SyncEvent, sourceCursorSchema } from '../../shared/events';
import { APPLIED, DUPLICATE, type Outcome, STALE } from './apply-outcome';
import { BatchTicks, CommittedTicks } from './batch-ticks';
import { CacheError } from './errors';
import type { MirrorStatements } from './mirror-statements';
import { describePayload } from './payload';

export interface ApplyResult {
  /** Only the events that changed state, in input order (source.status always counts). */
  applied: SyncEvent[];
  /** Already stored at the same version (a redelivery). */
  duplicates: number;
  /** Older than what is stored (arrived late); the stored state stands. */
  stale: number;
  /** Refused by validation and kept in the dead-letter table. */
  deadLettered: number;
}

export type ApplyBatch = (server: ServerId, rawEvents: readonly unknown[], cursor: SourceCursor) => ApplyResult;

/** A write that changed nothing was a redelivery if the stored version equals the incoming one. */
const lateOrRepeated = (stored: number | undefined, incoming: number): Outcome =>
  stored === incoming ? DUPLICATE : STALE;

/** The event, or why it is refused (what the dead-letter table records). */
function validate(server: ServerId, raw: unknown): SyncEvent | string {
  let parsed: ReturnType<typeof parseSyncEvent>;
  try {
    parsed = parseSyncEvent(raw);
  } catch (error) {
    // A throwing getter or a hostile Proxy must cost one dead letter, not the whole batch.
    return `unreadable event: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!parsed.ok) return parsed.reason;
  if (parsed.event.server !== server) {
    return `server: event is for "${parsed.event.server}" but arrived in a batch from "${server}"`;
  }
  return parsed.event;
}

export function createBatchApplier(db: Database.Database, sql: MirrorStatements, now: () => number): ApplyBatch {
  function applyEvent(server: ServerId, event: SyncEvent, ticks: BatchTicks): Outcome {
    // A write that changed nothing reads the stored version back, only to tell a redelivery from a
    // late arrival; in a healthy stream that read is rare.
    switch (event.type) {
      case 'tick':
        return ticks.offer(event);
      case 'deal.add':
        return sql.insertDeal(server, event.deal) ? APPLIED : DUPLICATE;
      case 'position.add':
      case 'position.update':
        if (sql.upsertPosition(server, event.version, event.position)) return APPLIED;
        return lateOrRepeated(sql.positionVersion(server, event.position.ticket), event.version);
      case 'position.delete':
        if (sql.tombstonePosition(server, event.version, event.ticket, event.login)) return APPLIED;
        return lateOrRepeated(sql.positionVersion(server, event.ticket), event.version);
      case 'order.add':
      case 'order.update':
        if (sql.upsertOrder(server, event.version, event.order)) return APPLIED;
        return lateOrRepeated(sql.orderVersion(server, event.order.ticket), event.version);
      case 'order.delete':
        if (sql.tombstoneOrder(server, event.version, event.ticket, event.login)) return APPLIED;
        return lateOrRepeated(sql.orderVersion(server, event.ticket), event.version);
      case 'account.add':
      case 'account.update':
        if (sql.upsertAccount(server, event.version, event.account)) return APPLIED;
        return lateOrRepeated(sql.accountVersion(server, event.account.login), event.version);
      case 'account.delete':
        if (sql.tombstoneAccount(server, event.version, event.login)) return APPLIED;
        return lateOrRepeated(sql.accountVersion(server, event.login), event.version);
      case 'symbol.update':
        if (sql.upsertSymbol(server, event.version, event.symbol)) return APPLIED;
        return lateOrRepeated(sql.symbolVersion(server, event.symbol.symbol), event.version);
      case 'group.update':
        if (sql.upsertGroup(server, event.version, event.group)) return APPLIED;
        return lateOrRepeated(sql.groupVersion(server, event.group.group), event.version);
      case 'source.status':
        // Connection state is live information for the status bar, not mirrored data.
        return APPLIED;
    }
  }

  const committedTicks = new CommittedTicks();
  const applyInOneTransaction = db.transaction(
    (server: ServerId, rawEvents: readonly unknown[], cursor: SourceCursor, ticks: BatchTicks): ApplyResult => {
      const result: ApplyResult = { applied: [], duplicates: 0, stale: 0, deadLettered: 0 };
      for (const raw of rawEvents) {
        const event = validate(server, raw);
        if (typeof event === 'string') {
          const reason = event;
          sql.insertDeadLetter(server, reason, describePayload(raw), now());
          result.deadLettered++;
          continue;
        }
        const outcome = applyEvent(server, event, ticks);
        if (outcome === APPLIED) result.applied.push(event);
        else if (outcome === DUPLICATE) result.duplicates++;
        else result.stale++;
      }
      ticks.flush();
      sql.advanceCursor(server, cursor);
      return result;
    },
  );

  return (server, rawEvents, cursor) => {
    if (!db.open) throw new CacheError('closed', 'The mirror is closed; open it again before applying events.');
    // The cursor is the resume point after a restart: a bad one must stop the batch, not be stored.
    const checked = sourceCursorSchema.safeParse(cursor);
    if (!checked.success || server.length === 0) {
      throw new CacheError(
        'bad_cursor',
        `Batch from "${server}" carries an invalid cursor (${checked.error?.issues[0]?.message ?? 'empty server'}); nothing was applied.`,
      );
    }
    // IMMEDIATE takes the write lock up front, so a reader elsewhere cannot make the commit fail midway.
    // The tick memory holds committed stamps only: inside a caller's transaction the batch is just a
    // savepoint that may still roll back, so it neither uses nor updates the memory.
    const ticks = new BatchTicks(sql, server, db.inTransaction ? undefined : committedTicks);
    const result = applyInOneTransaction.immediate(server, rawEvents, checked.data, ticks);
    // Only now, after the commit: a batch that threw or rolled back must leave the memory as the file is.
    ticks.committedNow();
    return result;
  };
}
