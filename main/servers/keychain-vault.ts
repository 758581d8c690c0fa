/**
 * Server passwords encrypted with the OS keychain through Electron's safeStorage, kept in
 * `credentials.json` beside desk.db as base64 ciphertext per server id. Where the OS offers only
 * safeStorage's plain-text fallback (Linux without a secret service: backend "basic_text"), the
 * vault refuses to store unless the admin explicitly accepts it. The Electron object is injected,
 * so this file runs (and is tested) without Electron.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { CredentialProtection } from '../../shared/servers';
import { DirectoryError } from './directory';

/** The part of Electron's `safeStorage` the vault uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
  /** Linux only: "basic_text" means no real encryption. */
  getSelectedStorageBackend?(): string;
}

const fileSchema = z.record(z.string(), z.string());

export class KeychainVault {
  readonly protection: CredentialProtection;
  private readonly secrets: Record<string, string>;

  constructor(
    private readonly file: string,
    private readonly safeStorage: SafeStorageLike,
  ) {
    const plainText =
      !safeStorage.isEncryptionAvailable() || safeStorage.getSelectedStorageBackend?.() === 'basic_text';
    this.protection = plainText ? 'plain-text' : 'os-keychain';
    this.secrets = existsSync(file) ? fileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) : {};
  }

  get(id: string): string | undefined {
    const stored = this.secrets[id];
    return stored === undefined ? undefined : this.safeStorage.decryptString(Buffer.from(stored, 'base64'));
  }

  set(id: string, password: string, acceptPlainText: boolean): void {
    if (this.protection === 'plain-text' && !acceptPlainText) {
      throw new DirectoryError(
        'This machine offers no OS keychain, so the password would be stored without encryption. ' +
          'Accept that explicitly to store it.',
      );
    }
    this.secrets[id] = this.safeStorage.encryptString(password).toString('base64');
    this.write();
  }

  remove(id: string): void {
    if (!(id in this.secrets)) return;
    delete this.secrets[id];
    this.write();
  }

  /** Written whole to a temporary file and renamed, so a crash never leaves half a file. */
  private write(): void {
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.secrets, null, 2), { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
