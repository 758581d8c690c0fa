/**
 * The desk's system of record: CRM clients, which logins they own, and desk settings.
 * Never rebuildable (synchronous=FULL); later issues add alerts, operators and the audit log
 * through new migrations.
 */
import type { Client, ClientAccount, Login, ServerId } from '../../shared/domain';
import { closeConnection, openConnection } from './connection';
import { CacheError } from './errors';
import { migrate } from './migrate';
import { recordMigrations } from './migrations';

export interface RecordStore {
  /** Inserts or replaces clients and their logins, all in one transaction (all or nothing). */
  upsertClients(clients: readonly Client[], accounts?: readonly ClientAccount[]): void;
  /** Who owns `(server, login)`, if the CRM knows. */
  clientByLogin(server: ServerId, login: Login): Client | undefined;
  clients(): Client[];
  accountsOfClient(clientId: string): ClientAccount[];
  /** The stored JSON value, parsed; the caller validates its shape. */
  setting(key: string): unknown;
  saveSetting(key: string, value: unknown): void;
  close(): void;
}

const CLIENT_COLUMNS = `c.client_id AS clientId, c.name, c.country, c.region, c.kyc_status AS kycStatus,
  c.introducing_broker AS introducingBroker`;

export interface RecordStoreOptions {
  now?: () => number;
}

export function openRecordStore(path: string, options: RecordStoreOptions = {}): RecordStore {
  const now = options.now ?? Date.now;
  const db = openConnection(path, 'record');
  try {
    migrate(db, 'record', recordMigrations);
  } catch (error) {
    db.close();
    throw error;
  }

  const sql = {
    upsertClient: db.prepare<[Client]>(`
      INSERT INTO clients (client_id, name, country, region, kyc_status, introducing_broker)
      VALUES (@clientId, @name, @country, @region, @kycStatus, @introducingBroker)
      ON CONFLICT (client_id) DO UPDATE SET
        name = excluded.name, country = excluded.country, region = excluded.region,
        kyc_status = excluded.kyc_status, introducing_broker = excluded.introducing_broker`),
    // A login moved to another client in the CRM moves here too: (server, login) has one owner.
    upsertClientAccount: db.prepare<[ClientAccount]>(`
      INSERT INTO client_accounts (server, login, client_id) VALUES (@server, @login, @clientId)
      ON CONFLICT (server, login) DO UPDATE SET client_id = excluded.client_id`),
    clientByLogin: db.prepare<[ServerId, Login], Client>(`
      SELECT ${CLIENT_COLUMNS} FROM client_accounts a JOIN clients c ON c.client_id = a.client_id
      WHERE a.server = ? AND a.login = ?`),
    clients: db.prepare<[], Client>(`SELECT ${CLIENT_COLUMNS} FROM clients c ORDER BY c.name, c.client_id`),
    accountsOfClient: db.prepare<[string], ClientAccount>(
      'SELECT client_id AS clientId, server, login FROM client_accounts WHERE client_id = ? ORDER BY server, login',
    ),
    setting: db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck(),
    saveSetting: db.prepare<[string, string, number]>(`
      INSERT INTO settings (key, value, updated_msc) VALUES (?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_msc = excluded.updated_msc`),
  };

  const upsertClients = db.transaction((clients: readonly Client[], accounts: readonly ClientAccount[]) => {
    for (const client of clients) sql.upsertClient.run(client);
    for (const account of accounts) sql.upsertClientAccount.run(account);
  });

  return {
    upsertClients: (clients, accounts = []) => upsertClients.immediate(clients, accounts),
    clientByLogin: (server, login) => sql.clientByLogin.get(server, login),
    clients: () => sql.clients.all(),
    accountsOfClient: (clientId) => sql.accountsOfClient.all(clientId),
    setting(key) {
      const text = sql.setting.get(key);
      return text === undefined ? undefined : JSON.parse(text);
    },
    saveSetting(key, value) {
      let text: string | undefined;
      try {
        text = JSON.stringify(value);
      } catch (error) {
        throw new CacheError('bad_setting', `Setting "${key}" cannot be stored as JSON: ${String(error)}`);
      }
      if (text === undefined) {
        throw new CacheError('bad_setting', `Setting "${key}" has no JSON value (${typeof value}); nothing was saved.`);
      }
      sql.saveSetting.run(key, text, now());
    },
    close: () => closeConnection(db),
  };
}
