/**
 * Where the desk's MT5 servers come from. The Electron app keeps them in desk.db with their
 * passwords in a keychain-protected vault, edited from the connection dialog; browser mode reads
 * them from the launch file (DESK_SERVERS_FILE) and cannot edit them. Passwords stay in the main
 * process: `password` is for the connection, nothing else calls it.
 */
import type { CredentialProtection, ServerConfig } from '../../shared/servers';

export interface ServerDirectory {
  readonly protection: CredentialProtection;
  readonly editable: boolean;
  list(): ServerConfig[];
  password(id: string): string | undefined;
  /** Throws a DirectoryError with a message for the admin (plain-text refused, not editable...). */
  save(config: ServerConfig, password: string | undefined, acceptPlainText: boolean): void;
  remove(id: string): void;
}

export class DirectoryError extends Error {}

const READ_ONLY = 'Browser mode reads servers from the file named by DESK_SERVERS_FILE; edit that file and restart.';

/** Servers given at launch (browser mode's file), not editable from the desk. */
export function launchDirectory(
  configs: readonly ServerConfig[],
  passwords: ReadonlyMap<string, string>,
): ServerDirectory {
  return {
    protection: 'launch-file',
    editable: false,
    list: () => configs.map((c) => ({ ...c })),
    password: (id) => passwords.get(id),
    save() {
      throw new DirectoryError(READ_ONLY);
    },
    remove() {
      throw new DirectoryError(READ_ONLY);
    },
  };
}

/** No servers configured: the embedded simulator runs. */
export const EMPTY_DIRECTORY: ServerDirectory = launchDirectory([], new Map());
