/**
 * The fake desk's connection dialog side (issue 7): an in-memory server list behind an OS keychain
 * that always exists. A test logs in only as manager 1000 with 'Manager1!' on an https address,
 * enough to see both answers in the dialog. Passwords are kept only as "one is stored".
 */
import type { DeskApi, Reply } from '../../shared/contract';
import { type ServerConfig, type ServerList, serverSaveSchema, serverTestSchema } from '../../shared/servers';

type Issue7 = 'servers.list' | 'servers.save' | 'servers.remove' | 'servers.test';

const FAKE_MANAGER = { login: 1000, password: 'Manager1!' };

const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
const badRequest = (message: string): Reply<never> => ({ ok: false, error: { code: 'bad_request', message } });

interface StoredServer extends ServerConfig {
  password: string | null;
}

export function createFakeServers(): Pick<DeskApi, Issue7> {
  const servers = new Map<string, StoredServer>();
  let restartNeeded = false;

  const list = (): ServerList => ({
    servers: [...servers.values()].map(({ password, caPem, ...config }) => ({
      ...config,
      hasPassword: password !== null,
      hasCa: caPem !== undefined,
      // The fake never connects: it runs on its own random walk, like the simulator.
      active: false,
    })),
    protection: 'os-keychain',
    editable: true,
    restartNeeded,
    simulator: true,
  });

  return {
    'servers.list': async () => ok(list()),
    'servers.save': async (input) => {
      const parsed = serverSaveSchema.safeParse(input);
      if (!parsed.success) return badRequest(parsed.error.issues[0]?.message ?? 'Not a server.');
      const { password, acceptPlainText: _consent, ...config } = parsed.data;
      // As the core does: the settings are replaced whole, the password kept unless a new one is given.
      servers.set(config.id, { ...config, password: password ?? servers.get(config.id)?.password ?? null });
      restartNeeded = true;
      return ok(list());
    },
    'servers.remove': async ({ id }) => {
      if (!servers.delete(id)) return badRequest(`No server ${id} is configured.`);
      restartNeeded = true;
      return ok(list());
    },
    'servers.test': async (input) => {
      const parsed = serverTestSchema.safeParse(input);
      if (!parsed.success) return badRequest(parsed.error.issues[0]?.message ?? 'Not a server.');
      const { id, login, password } = parsed.data;
      const tried = password ?? (id ? servers.get(id)?.password : undefined);
      if (login !== FAKE_MANAGER.login || tried !== FAKE_MANAGER.password)
        return ok({
          ok: false,
          message: 'Login refused: invalid manager login or password.',
          roundTripMs: null,
          symbols: null,
        });
      return ok({ ok: true, message: 'Logged in and pinged the fake access point.', roundTripMs: 12, symbols: 3 });
    },
  };
}
