/**
 * The desk's launch settings from the environment, shared by browser mode and the Electron app.
 * Every problem is reported at once, naming the variable and what it should look like, so a
 * mistyped setting stops the launch with a message instead of a desk on a wrong port or seed.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import type { ServerDirectory } from '../servers/directory';
import { readServersFile } from '../servers/launch-file';

/** What the core is built from (the same shape as CoreOptions in main/core/core.ts). */
export interface CoreLaunchOptions {
  dataDir: string;
  simulator: { seed: number; speed: number; clients?: number; initialPositions?: number; eventDelayMs?: number };
  deskCurrency?: string;
  log?: (line: string) => void;
  /** DESK_SERVERS_FILE's servers, when it is set (browser mode's way to reach real MT5 servers). */
  servers?: () => ServerDirectory;
}

export interface LaunchOptions {
  port: number;
  core: CoreLaunchOptions;
}

export class LaunchOptionsError extends Error {}

export const defaultDataDir = (): string => path.join(homedir(), '.dealer-desk');

type Env = Record<string, string | undefined>;

export function readLaunchOptions(
  env: Env,
  defaults: { dataDir: string } = { dataDir: defaultDataDir() },
): LaunchOptions {
  const problems: string[] = [];

  function number(name: string, rule: { min: number; max: number; whole: boolean }): number | undefined {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    const fits =
      Number.isFinite(value) && (!rule.whole || Number.isInteger(value)) && value >= rule.min && value <= rule.max;
    if (!fits) {
      const kind = rule.whole ? 'a whole number' : 'a number';
      problems.push(`${name} must be ${kind} from ${rule.min} to ${rule.max} (got ${JSON.stringify(raw)}).`);
      return undefined;
    }
    return value;
  }

  const port = number('DESK_PORT', { min: 0, max: 65_535, whole: true }) ?? 0;
  const seed = number('DESK_SIM_SEED', { min: 0, max: 2 ** 32 - 1, whole: true }) ?? 42;
  const speed = number('DESK_SIM_SPEED', { min: 0, max: 1000, whole: false }) ?? 1;
  const clients = number('DESK_SIM_CLIENTS', { min: 1, max: 1_000_000, whole: true });
  const initialPositions = number('DESK_SIM_POSITIONS', { min: 0, max: 10_000_000, whole: true });
  const eventDelayMs = number('DESK_SIM_EVENT_DELAY_MS', { min: 0, max: 60_000, whole: true });
  const dataDirRaw = env.DESK_DATA_DIR?.trim();
  if (dataDirRaw !== undefined && dataDirRaw !== '' && dataDirRaw.includes('\0')) {
    problems.push('DESK_DATA_DIR must be a folder path.');
  }
  let servers: ServerDirectory | undefined;
  const serversFile = env.DESK_SERVERS_FILE?.trim();
  if (serversFile) {
    try {
      servers = readServersFile(path.resolve(serversFile), env);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length > 0) throw new LaunchOptionsError(problems.join('\n'));

  return {
    port,
    core: {
      dataDir: path.resolve(dataDirRaw || defaults.dataDir),
      simulator: {
        seed,
        speed,
        ...(clients === undefined ? {} : { clients }),
        ...(initialPositions === undefined ? {} : { initialPositions }),
        ...(eventDelayMs === undefined ? {} : { eventDelayMs }),
      },
      ...(servers && { servers: () => servers }),
    },
  };
}
