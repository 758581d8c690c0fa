import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChainedContent, entryHash } from '../audit/chain';
import type { AuditRecord } from '../audit/trail';
import { type AuditStore, openAuditTrail } from './audit-store';
import { tempFolder } from './test-events';

const T = 1_700_000_000_000;

const record = (over: Partial<AuditRecord> = {}): AuditRecord => ({
  operator: 'dana',
  action: 'balance.deposit',
  server: 'sim-1',
  login: 1001,
  subject: 'A-1',
  before: { balance: 100_00 },
  after: { balance: 600_00 },
  result: 'ok',
  message: 'deposit 500.00 USD',
  ...over,
});

/** Five entries of different shapes; #3 is the middle one the tamper tests edit. */
const FIVE: Partial<AuditRecord>[] = [
  { operator: 'admin', action: 'session.setup', server: null, login: null, subject: 'admin', before: null },
  { action: 'balance.deposit' },
  { operator: 'eve', action: 'account.leverage', login: 1002, before: { leverage: 100 }, after: { leverage: 500 } },
  { action: 'balance.withdrawal', result: 'refused', message: 'over the dealer limit' },
  { operator: 'admin', action: 'operator.save', server: null, login: null, subject: 'eve' },
];

describe('audit trail store', () => {
  let folder: ReturnType<typeof tempFolder>;
  let file: string;
  let clock: number;
  let trail: AuditStore;
  beforeEach(() => {
    folder = tempFolder();
    file = join(folder.path, 'desk.db');
    clock = T;
    trail = openAuditTrail(file, { now: () => clock });
  });
  afterEach(() => {
    trail.close();
    folder.remove();
  });

  const appendFive = () =>
    FIVE.map((over) => {
      clock += 1_000;
      return trail.append(record(over));
    });

  /** Raw access to the file, as someone with the database (not the desk) would have. */
  const tamper = (sql: string, ...params: unknown[]) => {
    const db = new Database(file);
    try {
      db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete');
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  };

  it('appends entries numbered from 1, each chained to the one before, and verifies them', () => {
    const entries = appendFive();
    expect(entries.map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0]).toMatchObject({ atMsc: T + 1_000, operator: 'admin', before: null, server: null });
    expect(new Set(entries.map((e) => e.hash)).size).toBe(5);
    expect(trail.verify()).toEqual({ entries: 5, ok: true, firstBroken: null });
  });

  it('appends several entries in one transaction, chained in order, or none of them', () => {
    trail.append(record());
    const batch = trail.appendAll([record({ action: 'routing.recommendation' }), record({ action: 'routing.apply' })]);
    expect(batch.map((e) => [e.id, e.action])).toEqual([
      [2, 'routing.recommendation'],
      [3, 'routing.apply'],
    ]);
    expect(trail.verify()).toEqual({ entries: 3, ok: true, firstBroken: null });
    // A record that cannot be stored (content that is not JSON) rolls the whole batch back.
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => trail.appendAll([record(), record({ after: cyclic })])).toThrow();
    expect(trail.verify()).toEqual({ entries: 3, ok: true, firstBroken: null });
    expect(trail.appendAll([])).toEqual([]);
  });

  it('verifies an empty trail', () => {
    expect(trail.verify()).toEqual({ entries: 0, ok: true, firstBroken: null });
  });

  it('keeps the chain across a reopen and another connection appending', () => {
    appendFive();
    trail.close();
    trail = openAuditTrail(file, { now: () => clock });
    const other = openAuditTrail(file, { now: () => clock });
    try {
      expect(other.append(record({ subject: 'from another connection' })).id).toBe(6);
      expect(trail.append(record()).id).toBe(7);
    } finally {
      other.close();
    }
    expect(trail.verify()).toEqual({ entries: 7, ok: true, firstBroken: null });
  });

  it('stores what it hashes: undefined, dates and odd text survive the round trip and still verify', () => {
    const entry = trail.append(
      record({
        before: undefined,
        after: { at: new Date(T), nested: { z: 1, a: [1, 'x'] } },
        message: 'bad \uD800 text',
      }),
    );
    expect(entry.before).toBeNull();
    expect(entry.after).toEqual({ at: new Date(T).toISOString(), nested: { z: 1, a: [1, 'x'] } });
    expect(entry.message).toBe('bad \uFFFD text');
    expect(trail.list({})).toEqual([entry]);
    expect(trail.verify().ok).toBe(true);
  });

  it('does not depend on the key order of stored JSON', () => {
    trail.append(record({ after: { b: 1, a: { d: 2, c: 3 } } }));
    tamper(`UPDATE audit_log SET after = '{"a":{"c":3,"d":2},"b":1}' WHERE id = 1`);
    tamper(`UPDATE audit_log SET after = '{ "b" : 1, "a" : { "d" : 2, "c" : 3 } }' WHERE id = 1`);
    expect(trail.verify().ok).toBe(true);
  });

  it('refuses UPDATE and DELETE on the trail while its triggers stand', () => {
    appendFive();
    const db = new Database(file);
    try {
      expect(() => db.prepare("UPDATE audit_log SET message = 'x' WHERE id = 3").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE id = 5').run()).toThrow(/append-only/);
      expect(() => db.prepare('UPDATE audit_head SET last_id = 2').run()).toThrow(/forward/);
      expect(() => db.prepare('DELETE FROM audit_head').run()).toThrow(/cannot be deleted/);
    } finally {
      db.close();
    }
    expect(trail.verify().ok).toBe(true);
  });

  const edits: [column: string, value: unknown][] = [
    ['at_msc', T + 2_999],
    ['operator', 'mallory'],
    ['action', 'account.group'],
    ['server', 'sim-2'],
    ['server', null],
    ['login', 1003],
    ['login', null],
    ['subject', 'A-2'],
    ['before', '{"leverage":200}'],
    ['after', '{"leverage":500,"note":"x"}'],
    ['result', 'failed'],
    ['result', 'approved-by-me'],
    ['message', 'nothing to see'],
    ['prev_hash', 'f'.repeat(64)],
    ['hash', 'e'.repeat(64)],
  ];
  it.each(edits)('finds an edited %s (%j) of a middle entry at that entry', (column, value) => {
    appendFive();
    tamper(`UPDATE audit_log SET ${column} = ? WHERE id = 3`, value);
    const verification = trail.verify();
    expect(verification).toMatchObject({ entries: 5, ok: false, firstBroken: { id: 3 } });
    expect(verification.firstBroken?.reason).toMatch(/edited/);
  });

  it('finds a middle entry rewritten with a matching hash at the entry after it', () => {
    const entries = appendFive();
    const [second, third] = [entries[1]!, entries[2]!];
    // Whoever recomputes one hash must recompute every later one too; the next link gives it away.
    const forged = { ...third, message: 'forged' } as ChainedContent;
    tamper('UPDATE audit_log SET message = ?, hash = ? WHERE id = 3', 'forged', entryHash(second.hash, forged));
    expect(trail.verify().firstBroken).toMatchObject({ id: 4, reason: expect.stringMatching(/link to entry #3/) });
  });

  it('finds a deleted middle entry at the entry after the gap', () => {
    appendFive();
    tamper('DELETE FROM audit_log WHERE id = 3');
    expect(trail.verify()).toEqual({
      entries: 4,
      ok: false,
      firstBroken: { id: 4, reason: 'entry #3 is missing (deleted or renumbered)' },
    });
  });

  it('finds a renumbered entry', () => {
    appendFive();
    tamper('UPDATE audit_log SET id = 99 WHERE id = 3');
    expect(trail.verify().firstBroken).toMatchObject({ id: 4, reason: expect.stringMatching(/#3 is missing/) });
  });

  it('finds entries deleted from the end, and keeps the gap visible after the next append', () => {
    appendFive();
    tamper('DELETE FROM audit_log WHERE id >= 4');
    expect(trail.verify().firstBroken).toEqual({
      id: 4,
      reason: 'entry #4–#5 are missing from the end of the trail (deleted)',
    });
    expect(trail.append(record()).id).toBe(6);
    expect(trail.verify().firstBroken).toMatchObject({ id: 6, reason: expect.stringMatching(/#4–#5 are missing/) });
  });

  it('finds two entries swapped', () => {
    appendFive();
    const db = new Database(file);
    try {
      db.exec('DROP TRIGGER audit_log_no_update');
      db.exec(`UPDATE audit_log SET id = -id WHERE id IN (2, 3);
        UPDATE audit_log SET id = 5 + id WHERE id IN (-2, -3)`); // -2 → 3, -3 → 2
    } finally {
      db.close();
    }
    expect(trail.verify().firstBroken).toMatchObject({ id: 2, reason: expect.stringMatching(/link to entry #1/) });
  });

  it('finds an entry added behind the desk', () => {
    const [, , , , last] = appendFive();
    tamper(
      `INSERT INTO audit_log (id, at_msc, operator, action, server, login, subject, before, after, result, message,
        prev_hash, hash) VALUES (6, ?, 'x', 'x', NULL, NULL, 'x', 'null', 'null', 'ok', 'x', ?, ?)`,
      T,
      last?.hash,
      'a'.repeat(64),
    );
    expect(trail.verify().firstBroken?.id).toBe(6);
    expect(() => trail.append(record())).toThrow(/already holds an entry #6/);
  });

  describe('list', () => {
    beforeEach(appendFive);
    const ids = (entries: { id: number }[]) => entries.map((e) => e.id);

    it('lists newest first and pages back with beforeId', () => {
      expect(ids(trail.list({}))).toEqual([5, 4, 3, 2, 1]);
      expect(ids(trail.list({}, { limit: 2 }))).toEqual([5, 4]);
      expect(ids(trail.list({}, { beforeId: 4, limit: 2 }))).toEqual([3, 2]);
      expect(ids(trail.list({}, { beforeId: 2 }))).toEqual([1]);
    });

    it('filters by operator (exact), action prefix, server, login, result and time', () => {
      expect(ids(trail.list({ operator: 'admin' }))).toEqual([5, 1]);
      expect(ids(trail.list({ operator: 'Admin' }))).toEqual([]);
      expect(ids(trail.list({ action: 'balance' }))).toEqual([4, 2]);
      expect(ids(trail.list({ action: 'balance.dep' }))).toEqual([2]);
      expect(ids(trail.list({ action: 'alance' }))).toEqual([]);
      expect(ids(trail.list({ server: 'sim-1' }))).toEqual([4, 3, 2]);
      expect(ids(trail.list({ server: 'sim-1', login: 1002 }))).toEqual([3]);
      expect(ids(trail.list({ result: 'refused' }))).toEqual([4]);
      expect(ids(trail.list({ fromMsc: T + 2_000, toMsc: T + 4_000 }))).toEqual([4, 3, 2]);
      expect(ids(trail.list({ operator: 'dana', action: 'balance', fromMsc: T + 3_000 }, { beforeId: 5 }))).toEqual([
        4,
      ]);
    });

    it('treats LIKE wildcards in an action prefix as text', () => {
      expect(ids(trail.list({ action: '%' }))).toEqual([]);
      expect(ids(trail.list({ action: '_alance' }))).toEqual([]);
    });

    it('uses an index for each filter', () => {
      const db = new Database(file, { readonly: true });
      try {
        const plan = (where: string) =>
          db
            .prepare(`EXPLAIN QUERY PLAN SELECT * FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT 10`)
            .all()
            .map((row) => (row as { detail: string }).detail)
            .join('; ');
        expect(plan("operator = 'dana'")).toMatch(/audit_log_by_operator/);
        expect(plan("action >= 'balance' AND action < 'balancf'")).toMatch(/audit_log_by_action/);
        expect(plan("server = 'sim-1' AND login = 1001")).toMatch(/audit_log_by_account/);
        expect(plan("result = 'refused'")).toMatch(/audit_log_by_result/);
      } finally {
        db.close();
      }
    });
  });

  describe('CSV export', () => {
    it('writes a header and every match oldest first, RFC 4180 quoted', () => {
      clock += 1;
      trail.append(record({ message: 'client asked, "urgently"\nsecond line', after: { note: 'a,b' } }));
      trail.append(record({ action: 'operator.save', server: null, login: null, subject: 'eve' }));
      const { csv, rows } = trail.exportCsv({ action: 'balance' });
      expect(rows).toBe(1);
      const lines = csv.split('\r\n');
      expect(lines[0]).toBe('id,time_utc,at_msc,operator,action,server,login,subject,result,message,before,after,hash');
      expect(csv).toContain(
        `1,2023-11-14T22:13:20.001Z,${T + 1},dana,balance.deposit,sim-1,1001,A-1,ok,` +
          '"client asked, ""urgently""\nsecond line","{""balance"":10000}","{""note"":""a,b""}",',
      );
      expect(csv.endsWith('\r\n')).toBe(true);
      expect(trail.exportCsv({}).rows).toBe(2);
    });

    it('leaves empty cells for null server and login and keeps a formula-looking cell as text', () => {
      trail.append(
        record({ operator: '@admin', server: null, login: null, subject: '=HYPERLINK("http://x","y")', message: '-5' }),
      );
      const line = trail.exportCsv({}).csv.split('\r\n')[1] ?? '';
      expect(line).toMatch(/^1,[^,]+,\d+,'@admin,balance\.deposit,,,"'=HYPERLINK\(""http:\/\/x"",""y""\)",ok,'-5,/);
    });

    it('exports an empty trail as the header alone', () => {
      expect(trail.exportCsv({})).toEqual({ csv: expect.stringMatching(/^id,.*,hash\r\n$/), rows: 0 });
    });
  });
});
