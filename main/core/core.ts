/**
 * `createCore`: the desk's core on the MT5 servers its directory configures (through the Web API),
 * or on the embedded simulator when none is, with the cache in `dataDir` (mirror.db: the MT5
 * mirror; desk.db: the desk's records). The composition roots (main/index.ts for Electron,
 * main/web.ts for browser mode) call this and nothing deeper.
 */
import { mkdirSync } from 'node:fs';
import { version } from '../../package.json';
import type { RecordStore } from '../cache';
import { EMPTY_DIRECTORY, type ServerDirectory } from '../servers/directory';
import { webApiParts } from '../servers/webapi-parts';
import { SimulatorSource } from '../sources/simulator/source';
import { type AssembledCore, assembleCore } from './desk-core';
import { simulatorParts } from './simulator-parts';
import { type DeskStores, openDeskStores } from './stores';

export type { Core } from './desk-core';

/** A real server answers a dealer's request first and pumps the resulting deal a moment later. */
const DEFAULT_EVENT_DELAY_MS = 250;

export interface CoreOptions {
  dataDir: string;
  simulator: {
    seed: number;
    speed: number;
    clients?: number;
    initialPositions?: number;
    /** How long after its reply a dealer operation's deal or account update arrives (default 250 ms). */
    eventDelayMs?: number;
  };
  /** The currency exposure and totals are shown in (USD by default). */
  deskCurrency?: string;
  log?: (line: string) => void;
  /** Where the MT5 servers are configured, given the desk's stores; none configured → the simulator. */
  servers?: (stores: DeskStores) => ServerDirectory;
}

/**
 * The simulated server's clock starts when this desk first ran it, so a dealer sees today's dates;
 * the epoch is stored, because a restart replays the same stream from it up to the cursor.
 */
function simulatorEpoch(record: RecordStore, server: string): number {
  const key = `simulator.${server}.startTimeMsc`;
  const stored = record.setting(key);
  if (typeof stored === 'number' && Number.isInteger(stored) && stored > 0) return stored;
  const now = Date.now();
  record.saveSetting(key, now);
  return now;
}

export function createCore(options: CoreOptions): AssembledCore {
  const log = options.log ?? (() => {});
  mkdirSync(options.dataDir, { recursive: true });
  const stores = openDeskStores(options.dataDir);
  const directory = options.servers?.(stores) ?? EMPTY_DIRECTORY;
  const settings = {
    deskCurrency: options.deskCurrency ?? 'USD',
    version,
    frameMs: 50,
    statusEveryMs: 500,
    log,
  };
  const configured = directory.list();
  if (configured.length > 0) {
    log(
      `core: ${configured.length} MT5 server(s) through the Web API: ${configured.map((c) => `${c.id} (${c.url})`).join(', ')}`,
    );
    return assembleCore({ ...stores, ...webApiParts(directory, stores.mirror, log), directory }, settings);
  }
  return assembleCore({ ...stores, ...simulatorCoreParts(options, stores, log), directory }, settings);
}

/** The embedded simulator as the desk's one server, when no MT5 server is configured. */
function simulatorCoreParts(options: CoreOptions, stores: DeskStores, log: (line: string) => void) {
  const { seed, speed, clients, initialPositions } = options.simulator;
  // One server id per seed: a desk restarted with another seed must not resume the old stream.
  const server = `sim-${seed}`;
  const { record } = stores;
  const simulator = new SimulatorSource(
    {
      seed,
      server,
      startTimeMsc: simulatorEpoch(record, server),
      ...(clients !== undefined && { clients }),
      ...(initialPositions !== undefined && { initialPositions }),
    },
    {
      speed,
      // What the simulated server applied from outside its seed: replayed on start, so it never forgets.
      recordedOperations: stores.simulatorOperations.load(server),
      onOperation: (operation) => stores.simulatorOperations.append(server, operation),
    },
  );
  // The simulated brokerage's CRM: its clients and their logins (idempotent on every start).
  const crm = simulator.crm();
  record.upsertClients(crm.clients, crm.clientAccounts);
  log(
    `core: simulator ${server} (seed ${seed}, speed ×${speed}), ${crm.clients.length} clients, data in ${options.dataDir}`,
  );
  return simulatorParts(simulator, options.simulator.eventDelayMs ?? DEFAULT_EVENT_DELAY_MS);
}
