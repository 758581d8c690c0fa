/**
 * Ordered SQL migrations with a stored hash, so an edited migration fails loudly instead of
 * leaving two desks with different schemas under the same version number.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CacheError } from './errors';

export interface Migration {
  version: number;
  /** The file name, `NNN_name.sql`: what an error tells a person to look at. */
  name: string;
  sql: string;
  sha256: string;
}

interface AppliedMigration {
  version: number;
  name: string;
  sha256: string;
}

const FILE_NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;

/** Describes one migration file; the version is its NNN prefix. */
export function migrationFile(name: string, sql: string): Migration {
  const match = FILE_NAME.exec(name);
  if (!match?.[1]) {
    throw new CacheError('migration_list_invalid', `Migration file name "${name}" must look like 001_some_name.sql.`);
  }
  return { version: Number(match[1]), name, sql, sha256: sqlHash(sql) };
}

/** Hashes the text with line endings normalised, so a Windows checkout (CRLF) is not an "edit". */
export function sqlHash(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * Checks every applied migration against its file, then applies the new ones in order inside one
 * transaction (all or none). `store` names the database in errors ("mirror", "record").
 * Returns the migrations applied now.
 */
export function migrate(db: Database.Database, store: string, migrations: readonly Migration[]): Migration[] {
  assertOrdered(store, migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    applied_msc INTEGER NOT NULL
  ) STRICT`);

  const applied = db
    .prepare<[], AppliedMigration>('SELECT version, name, sha256 FROM schema_migrations ORDER BY version')
    .all();
  const byVersion = new Map(migrations.map((migration) => [migration.version, migration]));
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (!file) {
      throw new CacheError(
        'migration_unknown',
        `The ${store} database has migration ${row.name} applied, which this build does not know. ` +
          'It was opened by a newer Dealer Desk; update this one, or point it at another data folder.',
      );
    }
    if (file.sha256 !== row.sha256 || file.name !== row.name) {
      throw new CacheError(
        'migration_edited',
        `The ${store} migration ${file.name} was edited after it was applied ` +
          `(applied as ${row.name} sha256 ${row.sha256.slice(0, 12)}…, file now sha256 ${file.sha256.slice(0, 12)}…). ` +
          'Applied migrations are append-only: restore the file and put the change in a new migration.',
      );
    }
  }

  const lastApplied = applied.at(-1)?.version ?? 0;
  const pending = migrations.filter((migration) => migration.version > lastApplied);
  if (pending.length === 0) return [];
  const record = db.prepare<[number, string, string, number]>(
    'INSERT INTO schema_migrations (version, name, sha256, applied_msc) VALUES (?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, migration.sha256, Date.now());
    }
  }).immediate();
  return pending;
}

function assertOrdered(store: string, migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new CacheError(
        'migration_list_invalid',
        `The ${store} migrations must be numbered 001, 002, … without gaps, in order; ` +
          `position ${index + 1} holds ${migration.name}.`,
      );
    }
  });
}
