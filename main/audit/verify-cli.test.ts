import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAuditTrail } from '../cache/audit-store';
import { tempFolder } from '../cache/test-events';

const root = join(__dirname, '..', '..');

/** Runs the verifier the way `npm run audit:verify -- <dataDir>` does. */
function verifier(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'audit-verify.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}`.trim() };
}

describe('audit:verify command', () => {
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => {
    folder = tempFolder();
    const trail = openAuditTrail(join(folder.path, 'desk.db'));
    for (const subject of ['a', 'b', 'c']) {
      trail.append({
        operator: 'dana',
        action: 'balance.deposit',
        server: 'sim-1',
        login: 1001,
        subject,
        before: null,
        after: { amount: 100 },
        result: 'ok',
        message: 'deposit',
      });
    }
    trail.close();
  });
  afterEach(() => folder.remove());

  it('reports an intact trail and exits 0', () => {
    expect(verifier(folder.path)).toEqual({ status: 0, out: 'audit trail OK: 3 entries' });
  });

  it('verifies beside a running desk, seeing entries not yet checkpointed', () => {
    const trail = openAuditTrail(join(folder.path, 'desk.db'));
    try {
      trail.append({ ...trail.list({}, { limit: 1 })[0]!, subject: 'd' });
      expect(verifier(folder.path)).toEqual({ status: 0, out: 'audit trail OK: 4 entries' });
    } finally {
      trail.close();
    }
  });

  it('reports the first broken entry and exits 1', () => {
    const db = new Database(join(folder.path, 'desk.db'));
    db.exec('DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after = \'{"amount":1000}\' WHERE id = 2');
    db.close();
    expect(verifier(folder.path)).toEqual({
      status: 1,
      out: 'audit trail BROKEN at entry #2: its content does not match its hash (edited)',
    });
  });

  it('exits 2 when there is nothing to verify or no folder was given', () => {
    const missing = verifier(join(folder.path, 'nowhere'));
    expect(missing.status).toBe(2);
    expect(missing.out).toMatch(/^cannot verify: .*desk\.db does not exist$/);
    expect(verifier()).toMatchObject({ status: 2, out: expect.stringMatching(/^usage: /) });
  });
});
