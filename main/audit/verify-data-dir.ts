/**
 * Verifies the audit trail in a desk's data folder without the desk: opens desk.db read-only (so
 * it works beside a running desk, and never migrates or writes) and walks the chain.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { auditTrailOn } from '../cache/audit-store';

export interface DataDirVerification {
  /** 0: the trail is intact; 1: it is broken; 2: it could not be verified (no file, no trail, error). */
  exitCode: 0 | 1 | 2;
  line: string;
}

export function verifyDataDir(dataDir: string): DataDirVerification {
  const file = path.join(dataDir, 'desk.db');
  if (!existsSync(file)) return { exitCode: 2, line: `cannot verify: ${file} does not exist` };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const hasTrail = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'").get();
    if (!hasTrail) return { exitCode: 2, line: `cannot verify: ${file} has no audit trail yet` };
    const verification = auditTrailOn(db).verify();
    if (verification.ok) return { exitCode: 0, line: `audit trail OK: ${verification.entries} entries` };
    const broken = verification.firstBroken;
    return { exitCode: 1, line: `audit trail BROKEN at entry #${broken?.id}: ${broken?.reason}` };
  } catch (error) {
    return { exitCode: 2, line: `cannot verify ${file}: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    db?.close();
  }
}
