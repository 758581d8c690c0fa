/**
 * The connection dialog's requests: the configured MT5 servers (never their passwords), saving
 * and removing them (admin only, audited without the secret), and a connection test that logs in
 * and pings without saving. A saved change applies when the desk next starts.
 */
import { DeskRequestError, type Handlers } from '../../shared/contract';
import type { ServerConfig, ServerList } from '../../shared/servers';
import type { AuditRecord } from '../audit/trail';
import { DirectoryError, type ServerDirectory } from '../servers/directory';
import { connectionTo } from '../servers/webapi-parts';
import { int } from '../sources/mt5-webapi/protocol/scalars';
import { actorOf } from './actor';

export interface ServersDeskDeps {
  directory: ServerDirectory;
  /** The server ids connected in this run. */
  active: readonly string[];
  /** Running on the embedded simulator (no server configured at start). */
  simulator: boolean;
  audit: { append(record: AuditRecord): unknown };
  log: (line: string) => void;
}

type ServerHandlers = Pick<Handlers, 'servers.list' | 'servers.save' | 'servers.remove' | 'servers.test'>;

export function serversHandlers(deps: ServersDeskDeps): ServerHandlers {
  const { directory } = deps;
  let restartNeeded = false;
  const list = (): ServerList => ({
    servers: directory.list().map(({ caPem, ...config }) => ({
      ...config,
      hasPassword: directory.password(config.id) !== undefined,
      hasCa: caPem !== undefined,
      active: deps.active.includes(config.id),
    })),
    protection: directory.protection,
    editable: directory.editable,
    restartNeeded,
    simulator: deps.simulator,
  });
  const summary = (config: ServerConfig | undefined) =>
    config && {
      id: config.id,
      name: config.name,
      url: config.url,
      login: config.login,
      ca: config.caPem !== undefined,
    };
  /** Runs a change of the directory and records it, refused (with the reason) or done. */
  const change = (operator: string, action: string, id: string, before: unknown, after: unknown, run: () => void) => {
    const record = (result: 'ok' | 'refused', message: string) =>
      deps.audit.append({ operator, action, server: id, login: null, subject: id, before, after, result, message });
    try {
      run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      record('refused', message);
      if (error instanceof DirectoryError) throw new DeskRequestError('bad_request', message);
      throw error;
    }
    restartNeeded = true;
    record('ok', 'applies at the next start');
  };

  return {
    'servers.list': () => list(),
    'servers.save': ({ password, acceptPlainText, ...config }, ctx) => {
      const before = summary(directory.list().find((s) => s.id === config.id));
      const after = { ...summary(config), passwordChanged: password !== undefined };
      change(actorOf(ctx).name, 'server.save', config.id, before ?? null, after, () =>
        directory.save(config, password, acceptPlainText),
      );
      return list();
    },
    'servers.remove': ({ id }, ctx) => {
      const before = summary(directory.list().find((s) => s.id === id));
      if (!before) throw new DeskRequestError('bad_request', `No server ${id} is configured.`);
      change(actorOf(ctx).name, 'server.remove', id, before, null, () => directory.remove(id));
      return list();
    },
    'servers.test': async ({ id, password, ...config }) => {
      const secret = password ?? (id !== undefined ? directory.password(id) : undefined);
      if (secret === undefined) throw new DeskRequestError('bad_request', 'Give the manager password to test with.');
      const stored = id !== undefined ? directory.list().find((s) => s.id === id) : undefined;
      const caPem = config.caPem ?? stored?.caPem;
      const connection = connectionTo(
        { id: id ?? 'test', name: '', ...config, ...(caPem && { caPem }) },
        secret,
        deps.log,
      );
      const started = performance.now();
      try {
        await connection.connect();
        const total = await connection.request('symbol/total');
        const symbols = total.retcode === 0 ? int('Total', (total.body.answer as { Total?: unknown })?.Total) : null;
        return {
          ok: true,
          message: `Logged in as manager ${config.login} on ${config.url}.`,
          roundTripMs: Math.round(performance.now() - started),
          symbols,
        };
      } catch (error) {
        return {
          ok: false,
          message: error instanceof Error ? error.message : String(error),
          roundTripMs: null,
          symbols: null,
        };
      } finally {
        await connection.close();
      }
    },
  };
}
