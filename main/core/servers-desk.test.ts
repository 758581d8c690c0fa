import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../shared/contract';
import type { AuditRecord } from '../audit/trail';
import { KeychainVault } from '../servers/keychain-vault';
import { StoredServers } from '../servers/stored-servers';
import { startWebApiServer, type WebApiServer } from '../sources/simulator/webapi';
import { serversHandlers } from './servers-desk';

const ctx: RequestContext = { windowId: 'w1', operator: { name: 'Ada Admin', role: 'admin' } };
const keychain = (backend: string) => ({
  isEncryptionAvailable: () => true,
  encryptString: (text: string) => Buffer.from(text, 'utf8').reverse(),
  decryptString: (data: Buffer) => Buffer.from(data).reverse().toString('utf8'),
  getSelectedStorageBackend: () => backend,
});

let server: WebApiServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'servers-desk-'));
  server = await startWebApiServer({ simulator: { seed: 3, clients: 20, initialPositions: 10 }, speed: 0 });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

function desk(backend = 'gnome_libsecret') {
  const settings = new Map<string, unknown>();
  const record = {
    setting: (k: string) => settings.get(k),
    saveSetting: (k: string, v: unknown) => void settings.set(k, v),
  };
  const vault = new KeychainVault(path.join(dir, `credentials-${backend}-${Math.random()}.json`), keychain(backend));
  const audit: AuditRecord[] = [];
  const directory = new StoredServers(record, vault);
  const handlers = serversHandlers({
    directory,
    active: [],
    simulator: true,
    audit: { append: (r) => void audit.push(r) },
    log: () => {},
  });
  return { handlers, audit, directory };
}

describe('servers (connection dialog)', () => {
  it('saves a server, lists it without its password, audits it without the secret, and removes it', async () => {
    const { handlers, audit, directory } = desk();
    const { managers } = server;
    const manager = managers[0]!;
    const saved = await handlers['servers.save'](
      {
        id: 'sim-https',
        name: 'Simulator over HTTPS',
        url: server.url,
        login: manager.login,
        caPem: server.certPem,
        password: manager.password,
        acceptPlainText: false,
      },
      ctx,
    );
    expect(saved).toMatchObject({ protection: 'os-keychain', editable: true, restartNeeded: true, simulator: true });
    expect(saved.servers).toEqual([
      {
        id: 'sim-https',
        name: 'Simulator over HTTPS',
        url: server.url,
        login: manager.login,
        hasPassword: true,
        hasCa: true,
        active: false,
      },
    ]);
    expect(JSON.stringify(saved)).not.toContain(manager.password);
    expect(directory.password('sim-https')).toBe(manager.password);
    expect(audit[0]).toMatchObject({
      operator: 'Ada Admin',
      action: 'server.save',
      result: 'ok',
      after: { passwordChanged: true },
    });
    expect(JSON.stringify(audit)).not.toContain(manager.password);

    const removed = await handlers['servers.remove']({ id: 'sim-https' }, ctx);
    expect(removed.servers).toEqual([]);
    expect(directory.password('sim-https')).toBeUndefined();
    expect(audit[1]).toMatchObject({ action: 'server.remove', result: 'ok' });
  });

  it('tests a connection over HTTPS: logged in with the symbol count, or the reason it failed', async () => {
    const { handlers } = desk();
    const manager = server.managers[0]!;
    const good = await handlers['servers.test'](
      { url: server.url, login: manager.login, password: manager.password, caPem: server.certPem },
      ctx,
    );
    expect(good.ok).toBe(true);
    expect(good.symbols).toBe(server.simulator.catalog.symbols.length);
    expect(good.roundTripMs).toBeGreaterThan(0);
    const wrong = await handlers['servers.test'](
      { url: server.url, login: manager.login, password: 'wrong-password', caPem: server.certPem },
      ctx,
    );
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toMatch(/password|1001/i);
    expect(wrong.message).not.toContain('wrong-password');
    // Without the certificate, the self-signed access point is not trusted.
    const untrusted = await handlers['servers.test'](
      { url: server.url, login: manager.login, password: manager.password },
      ctx,
    );
    expect(untrusted.ok).toBe(false);
    expect(untrusted.message).toMatch(/certificate/i);
  });

  it('refuses to store a password in plain text unless accepted, and audits the refusal', async () => {
    const { handlers, audit, directory } = desk('basic_text');
    const config = { id: 'mt5-eu', name: '', url: 'https://mt5.example.com', login: 1000, password: 'Manager1!' };
    expect(() => handlers['servers.save']({ ...config, acceptPlainText: false }, ctx)).toThrow(/no OS keychain/);
    expect(directory.list()).toEqual([]);
    expect(audit[0]).toMatchObject({ action: 'server.save', result: 'refused' });
    const saved = await handlers['servers.save']({ ...config, acceptPlainText: true }, ctx);
    expect(saved.protection).toBe('plain-text');
    expect(saved.servers[0]?.hasPassword).toBe(true);
  });
});
