/**
 * The MT5 mirror: one SQLite file the cache owns, written only through `applyBatch`.
 * Rebuildable from the servers (delete the file and the sources resync from EMPTY_CURSOR).
 */
import type Database from 'better-sqlite3';
import { closeConnection, openConnection } from './connection';
import { migrate } from './migrate';
import { mirrorMigrations } from './migrations';
import { type ApplyBatch, createBatchApplier } from './mirror-apply';
import { type MirrorQueries, mirrorQueries, prepareMirrorQueries } from './mirror-queries';
import { prepareMirrorStatements } from './mirror-statements';

export interface MirrorCache extends MirrorQueries {
  /** Applies one source batch in one transaction; see mirror-apply.ts for the rules. */
  applyBatch: ApplyBatch;
  close(): void;
}

export interface MirrorOptions {
  /** Stamps dead letters; injectable so tests are deterministic. */
  now?: () => number;
}

/** Opens (creating if needed) the mirror at `path`, or `:memory:` for unit tests. */
export function openMirror(path: string, options: MirrorOptions = {}): MirrorCache {
  const db = openConnection(path, 'mirror');
  try {
    return createMirror(db, options);
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The mirror over a connection the caller opened (see connection.ts); it migrates the schema and
 * takes ownership: `close()` closes the connection. Tests use it to inspect raw tables.
 */
export function createMirror(db: Database.Database, options: MirrorOptions = {}): MirrorCache {
  migrate(db, 'mirror', mirrorMigrations);
  return {
    ...mirrorQueries(prepareMirrorQueries(db)),
    applyBatch: createBatchApplier(db, prepareMirrorStatements(db), options.now ?? Date.now),
    close: () => closeConnection(db),
  };
}
