/**
 * Launching browser mode for a spec file, and a page object for the desk window.
 *
 * Each spec calls `deskForThisFile()` at the top: it starts `node dist/main/web.cjs` once for
 * the file (port 0, a fresh temp data folder, seed 7, speed 5), parses the one line the desk
 * prints, and stops it after the file. `DeskPage` hides ag-grid's DOM from the tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import type { RequestInput, RequestName, RequestOutput } from '../../shared/contract';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** DESK_E2E_WEB_ENTRY runs the same tests against another browser-mode build (e.g. a stand-in core). */
export const WEB_ENTRY = process.env.DESK_E2E_WEB_ENTRY ?? path.join(REPO_ROOT, 'dist', 'main', 'web.cjs');
const BANNER = /^Dealer Desk \(browser mode\): (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))$/;

export interface BrowserModeDesk {
  /** The address the desk printed, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** What the desk wrote to stderr so far (its log), for failure messages. */
  log(): string;
  /** Null while running; how it ended otherwise. */
  exit(): string | null;
  /** Stops the process; the data folder stays until `dispose` (a relaunch test reuses it). */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export interface LaunchOptions {
  /** Reuse a data folder (to test what survives a relaunch); a fresh temp folder otherwise. */
  dataDir?: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

export async function launchBrowserMode(options: LaunchOptions = {}): Promise<BrowserModeDesk> {
  if (!existsSync(WEB_ENTRY)) {
    throw new Error(`${WEB_ENTRY} is missing: run \`npm run build\` first (npm run test:e2e does).`);
  }
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'dealer-desk-e2e-')));
  const child = spawn(process.execPath, [WEB_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DESK_PORT: '0',
      DESK_DATA_DIR: dataDir,
      DESK_SIM_SEED: '7',
      DESK_SIM_SPEED: '5',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });

  const banner = await new Promise<RegExpMatchArray>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => fail(`no banner within ${options.startTimeoutMs ?? 60_000} ms`),
      options.startTimeoutMs ?? 60_000,
    );
    function fail(why: string) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`browser mode did not start: ${why}\nstdout: ${stdout}\nstderr: ${stderr}`));
    }
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => BANNER.test(l.trim()));
      if (!line) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve(line.trim().match(BANNER)!);
    });
  });

  const url = banner[1]!;
  const stop = () => stopProcess(child);
  return {
    url,
    origin: new URL(url).origin,
    port: Number(banner[2]),
    token: banner[3]!,
    dataDir,
    log: () => stderr,
    exit: () =>
      child.exitCode !== null || child.signalCode !== null
        ? `exited with code ${child.exitCode}, signal ${child.signalCode}`
        : null,
    stop,
    async dispose() {
      await stop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Starts one desk for the spec file that calls it; the getter is valid inside tests. */
export function deskForThisFile(options: LaunchOptions = {}): () => BrowserModeDesk {
  let desk: BrowserModeDesk | null = null;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    desk = await launchBrowserMode(options);
  });
  test.afterAll(async () => {
    await desk?.dispose();
  });
  return () => {
    if (!desk) throw new Error('the browser-mode desk did not start (see beforeAll)');
    // A desk that died after printing its address shows up as "connection refused"; say why instead.
    const ended = desk.exit();
    if (ended) throw new Error(`the browser-mode desk ${ended}; its log:\n${desk.log().slice(-4000)}`);
    return desk;
  };
}

export type GridName = 'positions' | 'accounts';

export interface OperatorLogin {
  name: string;
  password: string;
}

/** The first operator of every spec file's desk: whoever opens a fresh desk first creates them. */
export const ADMIN: OperatorLogin = { name: 'Ada Admin', password: 'ada-admin-pass-1' };

/** The desk window, as a dealer sees it. */
export class DeskPage {
  constructor(readonly page: Page) {}

  /**
   * Opens the desk with the renderer's debug handle (window.__dealerDesk, see
   * renderer/api/debug-handle.ts) and signs in (on a fresh desk: creates the admin) before
   * waiting for readiness: nothing of the desk runs for a signed-out window.
   */
  async open(url: string, as: OperatorLogin = ADMIN): Promise<void> {
    await this.page.goto(`${url}&debug=1`);
    await this.signInAs(as);
    await this.waitReady();
  }

  /** The gate once it knows what to ask: 'setup' (first launch), 'sign-in', or 'unreachable'. */
  async gatePhase(): Promise<string> {
    const gate = this.page.getByTestId('session-gate');
    await expect(gate).toHaveAttribute('data-phase', /^(setup|sign-in|unreachable)$/, { timeout: 60_000 });
    const phase = (await gate.getAttribute('data-phase')) ?? '';
    if (phase === 'unreachable') {
      throw new Error(
        `the desk did not answer session.state: ${await this.page.getByTestId('session-error').innerText()}`,
      );
    }
    return phase;
  }

  /** Signs in as `who`; on a desk's first launch only the admin can be the one, and is created. */
  async signInAs(who: OperatorLogin): Promise<void> {
    if ((await this.gatePhase()) === 'setup') {
      if (who !== ADMIN) throw new Error(`a fresh desk asks for its admin first, not ${who.name}`);
      await this.createAdmin(who.name, who.password);
    } else {
      await this.signIn(who.name, who.password);
    }
  }

  async createAdmin(name: string, password: string): Promise<void> {
    const form = this.page.getByTestId('setup-form');
    await form.getByTestId('setup-name').fill(name);
    await form.getByTestId('setup-password').fill(password);
    await form.getByTestId('setup-password-again').fill(password);
    await form.getByTestId('setup-submit').click();
    await this.settled(form, form.getByTestId('setup-error'));
  }

  async signIn(name: string, password: string): Promise<void> {
    const form = this.page.getByTestId('signin-form');
    await form.getByTestId('signin-name').fill(name);
    await form.getByTestId('signin-password').fill(password);
    await form.getByTestId('signin-submit').click();
    await this.settled(form, form.getByTestId('signin-error'));
  }

  /** Waits until a session form has gone, or fails at once with the core's refusal. */
  private async settled(form: Locator, error: Locator): Promise<void> {
    const state = async () => ((await error.isVisible()) ? 'refused' : (await form.isVisible()) ? 'waiting' : 'gone');
    await expect.poll(state, { timeout: 30_000 }).not.toBe('waiting');
    if (await error.isVisible()) throw new Error(`the desk refused: ${await error.innerText()}`);
  }

  /** Sign out reloads the page: the sign-in form comes back, with no state of the last operator. */
  async signOut(): Promise<void> {
    await this.page.getByTestId('sign-out').click();
    await expect(this.page.getByTestId('signin-form')).toBeVisible({ timeout: 30_000 });
  }

  async waitReady(): Promise<void> {
    await expect(this.page.getByTestId('desk-ready')).toBeVisible({ timeout: 60_000 });
  }

  grid(name: GridName): Locator {
    return this.page.getByTestId(`${name}-grid`);
  }

  rows(name: GridName): Locator {
    return this.grid(name).locator('.ag-row[row-id]');
  }

  cell(name: GridName, rowId: string, colId: string): Locator {
    return this.grid(name).locator(`.ag-row[row-id="${rowId}"] [col-id="${colId}"]`);
  }

  header(name: GridName, colId: string): Locator {
    return this.grid(name).locator(`.ag-header-cell[col-id="${colId}"]`);
  }

  /**
   * Rendered rows as { id, column → text }, read in one go so the values belong together. ag-grid
   * draws a row before its cells, and fills a recycled row's cells a frame later, so a read that
   * finds a row without one of the cells, or with one still blank, is taken again a moment later
   * (for up to 2 s: a cell that is blank for longer is taken as blank).
   */
  async readRows(name: GridName, colIds: string[]): Promise<{ id: string; cells: Record<string, string> }[]> {
    for (let attempt = 0; ; attempt++) {
      const rows = await this.rows(name).evaluateAll(
        (elements, cols) =>
          elements.map((row) => ({
            id: row.getAttribute('row-id') ?? '',
            cells: Object.fromEntries(
              cols.map((c) => [c, row.querySelector(`[col-id="${c}"]`)?.textContent?.trim() ?? null]),
            ),
          })),
        colIds,
      );
      const drawn = rows.every((r) => Object.values(r.cells).every((text) => text !== null && text !== ''));
      if (drawn || attempt >= 40) {
        return rows.map((r) => ({
          id: r.id,
          cells: Object.fromEntries(Object.entries(r.cells).map(([c, t]) => [c, t ?? ''])),
        }));
      }
      await this.page.waitForTimeout(50);
    }
  }

  async count(name: GridName): Promise<{ shown: number; total: number }> {
    const el = this.page.getByTestId(`${name}-count`);
    return { shown: Number(await el.getAttribute('data-shown')), total: Number(await el.getAttribute('data-total')) };
  }

  filter(name: 'server' | 'group' | 'symbol' | 'login'): Locator {
    return this.page.getByTestId(`filter-${name}`);
  }

  /** A request to the core through the page's own client (its token, its window). */
  async core<K extends RequestName>(channel: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
    const reply = await this.page.evaluate(
      async ([name, args]) => {
        const handle = window.__dealerDesk;
        if (!handle) throw new Error('no debug handle: open the desk with &debug=1');
        const call = handle.desk[name as K] as (input: unknown) => Promise<unknown>;
        return call(args);
      },
      [channel, input] as const,
    );
    const typed = reply as { ok: true; value: RequestOutput<K> } | { ok: false; error: { message: string } };
    if (!typed.ok) throw new Error(`${channel} refused: ${typed.error.message}`);
    return typed.value;
  }
}
