import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { ADMIN, DeskPage, REPO_ROOT } from './fixtures';

const MAIN_ENTRY = path.join(REPO_ROOT, 'dist', 'main', 'index.cjs');

/**
 * Where `require('electron')` would point, worked out without calling it: electron 45's index.js
 * starts a binary download when the binary is missing, and a test run must not reach the network.
 * Same rules as that file: ELECTRON_OVERRIDE_DIST_PATH, else node_modules/electron/dist/<path.txt>.
 */
function findElectron(): { path: string } | { reason: string } {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(__filename).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!relative && !override) {
    return { reason: `${pathFile} is missing (the binary was never downloaded), so require('electron') would throw` };
  }
  const binary = override ? path.join(override, relative || 'electron') : path.join(packageDir, 'dist', relative);
  if (!existsSync(binary)) return { reason: `the Electron binary ${binary} does not exist` };
  return { path: binary };
}

const found = findElectron();
const hasElectron = 'path' in found;
const skipReason = 'reason' in found ? found.reason : '';
if (!hasElectron) console.log(`[e2e] electron.spec.ts skipped: no Electron binary on this machine: ${skipReason}`);

test.describe('Electron app', () => {
  test.skip(!hasElectron, `no Electron binary on this machine: ${skipReason}`);

  test('shows the desk with window.desk and no Node in the page', async () => {
    expect(existsSync(MAIN_ENTRY), `${MAIN_ENTRY} is missing: run npm run build`).toBe(true);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'dealer-desk-electron-'));
    const app = await electron.launch({
      executablePath: 'path' in found ? found.path : undefined,
      // --no-sandbox: CI containers run as root without user namespaces; the renderer sandbox
      // option itself stays on (that is what the window checks below rely on).
      args: [MAIN_ENTRY, '--no-sandbox', '--disable-gpu'],
      cwd: REPO_ROOT,
      env: { ...process.env, DESK_DATA_DIR: dataDir, DESK_SIM_SEED: '7', DESK_SIM_SPEED: '5' } as Record<
        string,
        string
      >,
      timeout: 60_000,
    });
    try {
      const window = await app.firstWindow();
      // A fresh data folder: the window asks for the first admin before the desk starts.
      const desk = new DeskPage(window);
      expect(await desk.gatePhase()).toBe('setup');
      await desk.createAdmin(ADMIN.name, ADMIN.password);
      await expect(window.getByTestId('desk-ready')).toBeVisible({ timeout: 60_000 });
      const globals = await window.evaluate(() => ({
        desk: typeof (globalThis as { desk?: unknown }).desk,
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      }));
      expect(globals).toEqual({ desk: 'object', require: 'undefined', process: 'undefined' });
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
