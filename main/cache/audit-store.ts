/**
 * The audit trail on desk.db (migration 003_operators_audit.sql): append-only, hash-chained
 * (main/audit/chain.ts). Each append is one IMMEDIATE transaction that reads the head (the last
 * id and hash), writes the entry and moves the head, so appends from any connection are serialised
 * and, with synchronous=FULL, durable when `append` returns.
 */
import type Database from 'better-sqlite3';
import { type AuditEntry, type AuditFilter, type AuditVerification, auditResultSchema } from '../../shared/actions';
import { canonicalJson, type JsonValue, toJsonValue, wellFormed } from '../audit/canonical';
import { type ChainedContent, entryHash, GENESIS_HASH } from '../audit/chain';
import { auditCsvHeader, auditCsvLine } from '../audit/csv';
import type { AuditRecord, AuditTrail } from '../audit/trail';
import { closeConnection, openConnection } from './connection';
import { migrate } from './migrate';
import { recordMigrations } from './migrations';

export interface AuditStore extends AuditTrail {
  close(): void;
}

export interface AuditStoreOptions {
  /** The desk clock (ms); Date.now by default. */
  now?: () => number;
}

const DEFAULT_LIST_LIMIT = 500;
const MAX_LIST_LIMIT = 5_000;
/** The highest code point: `prefix + MAX_CHAR` sorts after every text that starts with `prefix`. */
const MAX_CHAR = '\u{10FFFF}';

interface AuditRow {
  id: number;
  atMsc: number;
  operator: string;
  action: string;
  server: string | null;
  login: number | null;
  subject: string;
  before: string;
  after: string;
  result: string;
  message: string;
  prevHash: string;
  hash: string;
}

const COLUMNS = `id, at_msc AS atMsc, operator, action, server, login, subject, before, after, result, message,
  prev_hash AS prevHash, hash`;

type InsertParams = [
  number,
  number,
  string,
  string,
  string | null,
  number | null,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];

/** Opens desk.db on its own connection (migrating it if needed); `close` closes that connection. */
export function openAuditTrail(path: string, options: AuditStoreOptions = {}): AuditStore {
  const db = openConnection(path, 'record');
  try {
    migrate(db, 'record', recordMigrations);
    return auditTrailOn(db, { ...options, onClose: () => closeConnection(db) });
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The trail on a connection already migrated with `recordMigrations` (or opened read-only, to
 * verify or export: then only `append` fails). `close` runs `onClose`, by default nothing.
 */
export function auditTrailOn(
  db: Database.Database,
  options: AuditStoreOptions & { onClose?: () => void } = {},
): AuditStore {
  const now = options.now ?? Date.now;
  const sql = {
    head: db.prepare<[], { lastId: number; lastHash: string }>(
      'SELECT last_id AS lastId, last_hash AS lastHash FROM audit_head WHERE one = 1',
    ),
    lastRow: db.prepare<[], { lastId: number; lastHash: string }>(
      'SELECT id AS lastId, hash AS lastHash FROM audit_log ORDER BY id DESC LIMIT 1',
    ),
    insert: db.prepare<InsertParams>(`
      INSERT INTO audit_log (id, at_msc, operator, action, server, login, subject, before, after, result, message,
        prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    moveHead: db.prepare<[number, string]>(`
      INSERT INTO audit_head (one, last_id, last_hash) VALUES (1, ?, ?)
      ON CONFLICT (one) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash`),
    count: db.prepare<[], number>('SELECT count(*) FROM audit_log').pluck(),
    walk: db.prepare<[], AuditRow>(`SELECT ${COLUMNS} FROM audit_log ORDER BY id`),
  };

  // Filtered queries are built from the filters present and prepared once per shape (at most 2^8).
  const prepared = new Map<string, Database.Statement<unknown[], AuditRow>>();
  const statement = (text: string) => {
    let found = prepared.get(text);
    if (!found) {
      found = db.prepare<unknown[], AuditRow>(text);
      prepared.set(text, found);
    }
    return found;
  };

  const append = db.transaction((record: AuditRecord): AuditEntry => {
    // The head, not the last row: if entries were cut from the end, the next one leaves a gap.
    const head = sql.head.get() ?? sql.lastRow.get() ?? { lastId: 0, lastHash: GENESIS_HASH };
    const content: ChainedContent = {
      id: head.lastId + 1,
      atMsc: Math.trunc(now()),
      operator: wellFormed(record.operator),
      action: wellFormed(record.action),
      server: record.server === null ? null : wellFormed(record.server),
      login: record.login,
      subject: wellFormed(record.subject),
      before: toJsonValue(record.before),
      after: toJsonValue(record.after),
      result: record.result,
      message: wellFormed(record.message),
    };
    const hash = entryHash(head.lastHash, content);
    const c = content;
    try {
      sql.insert.run(
        c.id,
        c.atMsc,
        c.operator,
        c.action,
        c.server,
        c.login,
        c.subject,
        canonicalJson(c.before),
        canonicalJson(c.after),
        c.result,
        c.message,
        head.lastHash,
        hash,
      );
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new Error(
          `The audit trail already holds an entry #${c.id} that the desk did not write (its head is at ` +
            `#${head.lastId}); nothing was recorded. Run the audit verification and investigate desk.db.`,
        );
      }
      throw error;
    }
    sql.moveHead.run(c.id, hash);
    return { ...content, hash };
  });

  // Several entries, one commit (one fsync): for what the desk records in bulk, such as recommendations.
  const appendAll = db.transaction((records: readonly AuditRecord[]): AuditEntry[] => records.map((r) => append(r)));

  const verify = db.transaction((): AuditVerification => {
    const entries = sql.count.get() ?? 0;
    const head = sql.head.get();
    let expectedId = 1;
    let prevHash = GENESIS_HASH;
    for (const row of sql.walk.iterate()) {
      const reason = brokenLink(row, expectedId, prevHash);
      if (reason) return { entries, ok: false, firstBroken: { id: row.id, reason } };
      expectedId = row.id + 1;
      prevHash = row.hash;
    }
    const lastId = expectedId - 1;
    const reason = headMismatch(head, lastId, prevHash);
    if (reason) return { entries, ok: false, firstBroken: { id: reason.id, reason: reason.text } };
    return { entries, ok: true, firstBroken: null };
  });

  const where = (filter: AuditFilter, beforeId?: number) => {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      clauses.push(clause);
      params.push(...values);
    };
    if (filter.operator !== undefined) add('operator = ?', filter.operator);
    if (filter.action) add('action >= ? AND action < ?', filter.action, filter.action + MAX_CHAR);
    if (filter.server !== undefined) add('server = ?', filter.server);
    if (filter.login !== undefined) add('login = ?', filter.login);
    if (filter.result !== undefined) add('result = ?', filter.result);
    if (filter.fromMsc !== undefined) add('at_msc >= ?', filter.fromMsc);
    if (filter.toMsc !== undefined) add('at_msc <= ?', filter.toMsc);
    if (beforeId !== undefined) add('id < ?', beforeId);
    return { text: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
  };

  return {
    append: (record) => append.immediate(record),
    appendAll: (records) => appendAll.immediate(records),
    list(filter, page = {}) {
      const limit = Math.min(Math.max(1, Math.floor(page.limit ?? DEFAULT_LIST_LIMIT)), MAX_LIST_LIMIT);
      const { text, params } = where(filter, page.beforeId);
      const rows = statement(`SELECT ${COLUMNS} FROM audit_log ${text} ORDER BY id DESC LIMIT ?`).all(...params, limit);
      return rows.map(toEntry);
    },
    // Deferred: a read snapshot, so appends made meanwhile on other connections do not tear the walk.
    verify: () => verify.deferred(),
    exportCsv(filter) {
      const { text, params } = where(filter);
      const lines = [auditCsvHeader()];
      for (const row of statement(`SELECT ${COLUMNS} FROM audit_log ${text} ORDER BY id`).iterate(...params)) {
        lines.push(auditCsvLine(toEntry(row)));
      }
      return { csv: lines.join(''), rows: lines.length - 1 };
    },
    close: options.onClose ?? (() => {}),
  };
}

/** Why `row` does not follow from the entry before it, or undefined when it does. */
function brokenLink(row: AuditRow, expectedId: number, prevHash: string): string | undefined {
  if (row.id !== expectedId) {
    const missing = row.id - 1 === expectedId ? `#${expectedId} is` : `#${expectedId}–#${row.id - 1} are`;
    return `entry ${missing} missing (deleted or renumbered)`;
  }
  if (row.prevHash !== prevHash) {
    return row.id === 1
      ? 'it does not start the chain (its link to the genesis value was edited)'
      : `its link to entry #${row.id - 1} does not match (that entry was replaced or reordered, or this link edited)`;
  }
  let before: JsonValue;
  let after: JsonValue;
  try {
    before = JSON.parse(row.before) as JsonValue;
    after = JSON.parse(row.after) as JsonValue;
  } catch {
    return 'its before/after is not valid JSON (edited)';
  }
  const result = auditResultSchema.safeParse(row.result);
  if (!result.success) return `its result "${row.result}" is not one the desk writes (edited)`;
  const content: ChainedContent = { ...row, before, after, result: result.data };
  if (entryHash(prevHash, content) !== row.hash) return 'its content does not match its hash (edited)';
  return undefined;
}

/** The trail must end where its head says the last append left it. */
function headMismatch(
  head: { lastId: number; lastHash: string } | undefined,
  lastId: number,
  lastHash: string,
): { id: number; text: string } | undefined {
  if (!head) return { id: lastId + 1, text: 'the trail head is missing (deleted)' };
  if (head.lastId > lastId) {
    const missing = head.lastId === lastId + 1 ? `#${head.lastId} is` : `#${lastId + 1}–#${head.lastId} are`;
    return { id: lastId + 1, text: `entry ${missing} missing from the end of the trail (deleted)` };
  }
  if (head.lastId < lastId) {
    return { id: head.lastId + 1, text: `entries from #${head.lastId + 1} on were not written by the desk (added)` };
  }
  if (head.lastHash !== lastHash) return { id: lastId, text: 'it does not match the trail head (replaced)' };
  return undefined;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    atMsc: row.atMsc,
    operator: row.operator,
    action: row.action,
    server: row.server,
    login: row.login,
    subject: row.subject,
    before: JSON.parse(row.before),
    after: JSON.parse(row.after),
    // Read as written: `verify` is where a drifted value is reported, not every list.
    result: row.result as AuditEntry['result'],
    message: row.message,
    hash: row.hash,
  };
}
