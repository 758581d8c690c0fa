import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConnection } from './connection';
import { CacheError } from './errors';
import { migrate, migrationFile, sqlHash } from './migrate';
import { mirrorMigrations, recordMigrations } from './migrations';
import { openMirror } from './mirror';
import { openRecordStore } from './record-store';
import { tempFolder } from './test-events';

const first = migrationFile('001_books.sql', 'CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL);');
const second = migrationFile('002_book_author.sql', "ALTER TABLE books ADD COLUMN author TEXT NOT NULL DEFAULT '';");

function thrown(run: () => unknown): CacheError {
  try {
    run();
  } catch (error) {
    if (error instanceof CacheError) return error;
    throw error;
  }
  throw new Error('expected a CacheError');
}

describe('migrate', () => {
  let folder: ReturnType<typeof tempFolder>;
  let file: string;
  beforeEach(() => {
    folder = tempFolder();
    file = join(folder.path, 'nested', 'store.sqlite');
  });
  afterEach(() => folder.remove());

  it('applies new migrations in order, records name and hash, and only once across reopen', () => {
    const db = openConnection(file, 'record');
    expect(migrate(db, 'test', [first]).map((m) => m.name)).toEqual(['001_books.sql']);
    db.prepare("INSERT INTO books (title) VALUES ('Reminiscences of a Stock Operator')").run();
    db.close();

    const reopened = openConnection(file, 'record');
    expect(migrate(reopened, 'test', [first, second]).map((m) => m.name)).toEqual(['002_book_author.sql']);
    expect(migrate(reopened, 'test', [first, second])).toEqual([]);
    expect(reopened.prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1, name: '001_books.sql', sha256: first.sha256 },
      { version: 2, name: '002_book_author.sql', sha256: second.sha256 },
    ]);
    expect(reopened.prepare('SELECT title, author FROM books').all()).toEqual([
      { title: 'Reminiscences of a Stock Operator', author: '' },
    ]);
    reopened.close();
  });

  it('fails loudly, naming the file, when an applied migration was edited', () => {
    const db = openConnection(file, 'mirror');
    migrate(db, 'mirror', [first]);
    const edited = migrationFile('001_books.sql', `${first.sql}\nCREATE INDEX books_by_title ON books (title);`);
    const error = thrown(() => migrate(db, 'mirror', [edited, second]));
    expect(error.code).toBe('migration_edited');
    expect(error.message).toMatch(/mirror migration 001_books\.sql was edited/);
    // Nothing after the mismatch was applied.
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(1);
    db.close();
  });

  it('refuses to open the real mirror and record files when a stored hash no longer matches', () => {
    const mirrorFile = join(folder.path, 'mirror.sqlite');
    const recordFile = join(folder.path, 'record.sqlite');
    openMirror(mirrorFile).close();
    openRecordStore(recordFile).close();
    for (const path of [mirrorFile, recordFile]) {
      const raw = new Database(path);
      raw.prepare("UPDATE schema_migrations SET sha256 = 'feed' WHERE version = 1").run();
      raw.close();
    }
    expect(() => openMirror(mirrorFile)).toThrow(/mirror migration 001_init\.sql was edited/);
    expect(() => openRecordStore(recordFile)).toThrow(/record migration 001_init\.sql was edited/);
  });

  it('refuses a database migrated by a newer build', () => {
    const db = openConnection(file, 'mirror');
    migrate(db, 'mirror', [first, second]);
    expect(thrown(() => migrate(db, 'mirror', [first])).code).toBe('migration_unknown');
    db.close();
  });

  it('applies pending migrations all or none', () => {
    const db = openConnection(file, 'mirror');
    const broken = migrationFile('002_broken.sql', 'CREATE TABLE authors (id INTEGER PRIMARY KEY); SELEKT 1;');
    expect(() => migrate(db, 'mirror', [first, broken])).toThrow();
    expect(
      db
        .prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name <> 'schema_migrations'")
        .pluck()
        .get(),
    ).toBe(0);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(0);
    db.close();
  });

  it('rejects a list with gaps, disorder or a badly named file', () => {
    const db = new Database(':memory:');
    expect(thrown(() => migrate(db, 'mirror', [second])).code).toBe('migration_list_invalid');
    expect(thrown(() => migrate(db, 'mirror', [second, first])).code).toBe('migration_list_invalid');
    expect(thrown(() => migrationFile('1_books.sql', '')).code).toBe('migration_list_invalid');
    db.close();
  });

  it('hashes line endings the same on every platform', () => {
    expect(sqlHash('CREATE TABLE a (x);\r\nCREATE TABLE b (y);\r\n')).toBe(
      sqlHash('CREATE TABLE a (x);\nCREATE TABLE b (y);\n'),
    );
  });

  it('ships migration lists numbered from 001 without gaps', () => {
    for (const list of [mirrorMigrations, recordMigrations]) {
      expect(list.map((m) => m.version)).toEqual(list.map((_, index) => index + 1));
    }
  });
});
