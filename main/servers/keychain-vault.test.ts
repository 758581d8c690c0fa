import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryError } from './directory';
import { KeychainVault, type SafeStorageLike } from './keychain-vault';

/** safeStorage as the OS gives it: a reversible transformation standing in for the keychain's cipher. */
function keychain(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => flip(Buffer.from(text, 'utf8')),
    decryptString: (data) => flip(data).toString('utf8'),
    getSelectedStorageBackend: () => backend,
  };
}

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const file = () => {
  dir = mkdtempSync(path.join(tmpdir(), 'vault-'));
  return path.join(dir, 'credentials.json');
};

describe('keychain vault', () => {
  it('stores passwords encrypted, reads them back after a reopen, and removes them', () => {
    const f = file();
    const vault = new KeychainVault(f, keychain());
    expect(vault.protection).toBe('os-keychain');
    vault.set('mt5-eu', 'Manager1!', false);
    expect(readFileSync(f, 'utf8')).not.toContain('Manager1!');
    const reopened = new KeychainVault(f, keychain());
    expect(reopened.get('mt5-eu')).toBe('Manager1!');
    reopened.remove('mt5-eu');
    expect(new KeychainVault(f, keychain()).get('mt5-eu')).toBeUndefined();
  });

  it.each([
    ['basic_text backend', keychain('basic_text')],
    ['no encryption at all', keychain('unknown', false)],
  ])('refuses plain-text storage (%s) unless the admin accepts it', (_, storage) => {
    const vault = new KeychainVault(file(), storage);
    expect(vault.protection).toBe('plain-text');
    expect(() => vault.set('mt5-eu', 'Manager1!', false)).toThrow(DirectoryError);
    expect(() => vault.set('mt5-eu', 'Manager1!', false)).toThrow(/no OS keychain/);
    expect(vault.get('mt5-eu')).toBeUndefined();
    vault.set('mt5-eu', 'Manager1!', true);
    expect(vault.get('mt5-eu')).toBe('Manager1!');
  });
});
