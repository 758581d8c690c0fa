/**
 * Opens one SQLite file with the pragmas its kind of data needs (ARCHITECTURE.md §5):
 * - `mirror`: rebuildable from the servers, so `synchronous=NORMAL` (in WAL a power cut can lose
 *   the last commits but never corrupts; the cursor rolls back with them and the source refetches).
 * - `record`: the desk's own books, never rebuildable, so `synchronous=FULL`.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Durability = 'mirror' | 'record';

export const IN_MEMORY = ':memory:';

export function openConnection(path: string, durability: Durability): Database.Database {
  if (path !== IN_MEMORY) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${durability === 'record' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    // A report worker may hold a read snapshot; wait for it briefly rather than fail the batch.
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Closes once; later calls do nothing, so shutdown paths can call it without bookkeeping. */
export function closeConnection(db: Database.Database): void {
  if (!db.open) return;
  // Lets SQLite refresh its planner statistics on the tables this session used (cheap, bounded).
  db.pragma('optimize');
  db.close();
}
