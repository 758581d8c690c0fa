import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../shared/domain';
import { CacheError } from './errors';
import { openRecordStore, type RecordStore } from './record-store';
import { tempFolder } from './test-events';

const anna: Client = {
  clientId: 'C-1',
  name: 'Anna Petrou',
  country: 'CY',
  region: 'EU',
  kycStatus: 'approved',
  introducingBroker: 'IB-7',
};
const borys: Client = {
  clientId: 'C-2',
  name: 'Borys Koval',
  country: 'UA',
  region: 'EU',
  kycStatus: 'pending',
  introducingBroker: null,
};

describe('record store', () => {
  let folder: ReturnType<typeof tempFolder>;
  let file: string;
  let store: RecordStore;
  beforeEach(() => {
    folder = tempFolder();
    file = join(folder.path, 'desk', 'record.sqlite');
    store = openRecordStore(file, { now: () => 42 });
  });
  afterEach(() => {
    store.close();
    folder.remove();
  });

  it('maps one client to many logins across servers', () => {
    store.upsertClients(
      [anna, borys],
      [
        { clientId: 'C-1', server: 'mt5-live', login: 1001 },
        { clientId: 'C-1', server: 'mt5-live', login: 1002 },
        { clientId: 'C-1', server: 'mt5-pro', login: 1001 },
        { clientId: 'C-2', server: 'mt5-demo', login: 1001 },
      ],
    );
    expect(store.clients()).toEqual([anna, borys]);
    expect(store.clientByLogin('mt5-live', 1002)).toEqual(anna);
    expect(store.clientByLogin('mt5-demo', 1001)).toEqual(borys);
    expect(store.clientByLogin('mt5-demo', 9999)).toBeUndefined();
    expect(store.accountsOfClient('C-1')).toEqual([
      { clientId: 'C-1', server: 'mt5-live', login: 1001 },
      { clientId: 'C-1', server: 'mt5-live', login: 1002 },
      { clientId: 'C-1', server: 'mt5-pro', login: 1001 },
    ]);
  });

  it('updates clients in place and moves a login to its new owner', () => {
    store.upsertClients([anna, borys], [{ clientId: 'C-1', server: 'mt5-live', login: 1001 }]);
    store.upsertClients(
      [{ ...anna, kycStatus: 'rejected', introducingBroker: null }],
      [{ clientId: 'C-2', server: 'mt5-live', login: 1001 }],
    );
    expect(store.clientByLogin('mt5-live', 1001)).toEqual(borys);
    expect(store.accountsOfClient('C-1')).toEqual([]);
    expect(store.clients()[0]).toEqual({ ...anna, kycStatus: 'rejected', introducingBroker: null });
  });

  it('writes a bulk import all or nothing', () => {
    expect(() => store.upsertClients([anna], [{ clientId: 'C-404', server: 'mt5-live', login: 7 }])).toThrow(
      /FOREIGN KEY/,
    );
    expect(() => store.upsertClients([{ ...borys, kycStatus: 'unknown' as Client['kycStatus'] }])).toThrow(/CHECK/);
    expect(store.clients()).toEqual([]);
  });

  it('stores settings as JSON and returns them parsed', () => {
    expect(store.setting('grid.positions')).toBeUndefined();
    const layout = {
      columns: [
        { id: 'symbol', width: 90 },
        { id: 'profit', sort: 'desc' },
      ],
      pinned: null,
    };
    store.saveSetting('grid.positions', layout);
    store.saveSetting('desk.currency', 'USD');
    expect(store.setting('grid.positions')).toEqual(layout);
    store.saveSetting('grid.positions', { columns: [] });
    expect(store.setting('grid.positions')).toEqual({ columns: [] });
    expect(store.setting('desk.currency')).toBe('USD');
  });

  it('refuses a setting that has no JSON form', () => {
    for (const value of [undefined, () => 1, 10n]) {
      let error: unknown;
      try {
        store.saveSetting('bad', value);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CacheError);
      expect((error as CacheError).code).toBe('bad_setting');
    }
    expect(store.setting('bad')).toBeUndefined();
  });

  it('keeps everything across a reopen, with full durability and foreign keys on', () => {
    store.upsertClients([anna], [{ clientId: 'C-1', server: 'mt5-live', login: 1001 }]);
    store.saveSetting('grid.accounts', { density: 'compact' });
    store.close();
    store = openRecordStore(file);
    expect(store.clientByLogin('mt5-live', 1001)).toEqual(anna);
    expect(store.setting('grid.accounts')).toEqual({ density: 'compact' });

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare('SELECT updated_msc FROM settings').pluck().get()).toBe(42);
    raw.close();
  });
});
