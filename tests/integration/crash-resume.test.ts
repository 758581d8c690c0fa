/**
 * Kill the desk mid-stream (SIGKILL, no clean close), restart, resume from the cursor: the cache
 * must end equal to the simulator's ground truth, with no event lost and none applied twice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMirror } from '../../main/cache';
import { Simulator } from '../../main/sources/simulator/simulator';
import { CRASH_SERVER, crashSimulatorConfig } from './crash-config';

const SEED = 11;
const ABOUT_SEQ = 120_000;
const workDir = mkdtempSync(path.join(tmpdir(), 'desk-crash-'));
const workerFile = path.join(workDir, 'ingest-worker.cjs');

beforeAll(async () => {
  await build({
    entryPoints: [path.join(__dirname, 'ingest-worker.ts')],
    outfile: workerFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    loader: { '.sql': 'text' },
    logLevel: 'warning',
    // better-sqlite3 resolves from the project, not from the temp folder.
    nodePaths: [path.join(__dirname, '../../node_modules')],
  });
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Run {
  lastApplied: number;
  resumedFrom: number;
  signal: NodeJS.Signals | null;
  code: number | null;
}

/** Runs the worker; with `killAfter`, SIGKILLs it as soon as it reports a seq at or past that. */
function runWorker(dataDir: string, target: number, killAfter?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [workerFile, dataDir, String(SEED), String(target)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_PATH: path.join(__dirname, '../../node_modules') },
    });
    const run: Run = { lastApplied: 0, resumedFrom: -1, signal: null, code: null };
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [word, n] = line.split(' ');
        if (word === 'resumed') run.resumedFrom = Number(n);
        if (word === 'applied') run.lastApplied = Number(n);
        if (killAfter !== undefined && run.lastApplied >= killAfter && !child.killed) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ ...run, code, signal }));
  });
}

describe('crash and resume', () => {
  it('ends equal to the ground truth after two SIGKILLs mid-stream', async () => {
    // The truth: the same simulator, uninterrupted, stopped where a step ends (nothing generated
    // beyond what was handed out, so the truth is exactly the state after the last event).
    const simulator = new Simulator(crashSimulatorConfig(SEED));
    simulator.next(ABOUT_SEQ);
    simulator.flush();
    expect(simulator.buffered).toBe(0);
    const TARGET_SEQ = simulator.seq;
    const truth = simulator.truth();

    const dataDir = path.join(workDir, 'data');
    const first = await runWorker(dataDir, TARGET_SEQ, 30_000);
    expect(first.signal).toBe('SIGKILL');
    expect(first.lastApplied).toBeLessThan(TARGET_SEQ);

    const second = await runWorker(dataDir, TARGET_SEQ, 75_000);
    expect(second.signal).toBe('SIGKILL');
    // It resumed from a stored cursor, at or after what the first run had reported applied.
    expect(second.resumedFrom).toBeGreaterThanOrEqual(first.lastApplied);

    const last = await runWorker(dataDir, TARGET_SEQ);
    expect(last.code).toBe(0);
    expect(last.resumedFrom).toBeGreaterThanOrEqual(second.lastApplied);
    expect(last.lastApplied).toBe(TARGET_SEQ);

    const mirror = openMirror(path.join(dataDir, 'mirror.db'));
    try {
      expect(mirror.cursor(CRASH_SERVER).seq).toBe(TARGET_SEQ);
      expect(mirror.deadLetterCount()).toBe(0);

      const deals = mirror.deals({
        server: CRASH_SERVER,
        fromMsc: 0,
        toMsc: Number.MAX_SAFE_INTEGER,
        limit: 10_000_000,
      });
      expect(deals.length).toBe(truth.deals.length);
      expect(truth.deals.length).toBeGreaterThan(1_000);
      const byTicket = <T extends { ticket: number }>(rows: T[]) => [...rows].sort((a, b) => a.ticket - b.ticket);
      expect(byTicket(deals.map(({ server: _, ...deal }) => deal))).toEqual(byTicket(truth.deals));

      const positions = mirror.openPositions({ server: CRASH_SERVER }).map(({ server: _, commission: __, ...p }) => p);
      expect(positions.length).toBeGreaterThan(100);
      expect(byTicket(positions)).toEqual(byTicket([...truth.positions.values()]));

      const orders = mirror.openOrders({ server: CRASH_SERVER }).map(({ server: _, ...o }) => o);
      expect(byTicket(orders)).toEqual(byTicket([...truth.orders.values()]));

      const accounts = mirror.accounts({ server: CRASH_SERVER }).map(({ server: _, ...a }) => a);
      const byLogin = <T extends { login: number }>(rows: T[]) => [...rows].sort((a, b) => a.login - b.login);
      expect(accounts.length).toBe(truth.accounts.size);
      expect(byLogin(accounts)).toEqual(byLogin([...truth.accounts.values()]));
    } finally {
      mirror.close();
    }
  });
});
