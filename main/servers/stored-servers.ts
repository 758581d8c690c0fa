/** The Electron app's server directory: configs in desk.db's settings, passwords in the keychain vault. */
import { type ServerConfig, serverConfigSchema } from '../../shared/servers';
import type { RecordStore } from '../cache';
import type { ServerDirectory } from './directory';
import type { KeychainVault } from './keychain-vault';

const KEY = 'servers';

export class StoredServers implements ServerDirectory {
  readonly editable = true;

  constructor(
    private readonly record: Pick<RecordStore, 'setting' | 'saveSetting'>,
    private readonly vault: KeychainVault,
    private readonly log: (line: string) => void = () => {},
  ) {}

  get protection() {
    return this.vault.protection;
  }

  list(): ServerConfig[] {
    const stored = this.record.setting(KEY);
    if (!Array.isArray(stored)) return [];
    // A config a newer or broken build wrote is skipped with a line in the log, not a failed start.
    return stored.flatMap((raw) => {
      const parsed = serverConfigSchema.safeParse(raw);
      if (!parsed.success) this.log(`servers: a stored server is unreadable and skipped: ${parsed.error.message}`);
      return parsed.success ? [parsed.data] : [];
    });
  }

  password(id: string): string | undefined {
    return this.vault.get(id);
  }

  save(config: ServerConfig, password: string | undefined, acceptPlainText: boolean): void {
    // The password first: if the vault refuses it, nothing is saved.
    if (password !== undefined) this.vault.set(config.id, password, acceptPlainText);
    const others = this.list().filter((s) => s.id !== config.id);
    this.record.saveSetting(KEY, [...others, config]);
  }

  remove(id: string): void {
    this.record.saveSetting(
      KEY,
      this.list().filter((s) => s.id !== id),
    );
    this.vault.remove(id);
  }
}
