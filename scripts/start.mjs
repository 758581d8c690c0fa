/**
 * `npm start` (after the build): the Electron app when an Electron binary is installed, otherwise
 * browser mode, with one line saying why. The binary is looked up the way the electron package
 * does (path.txt + dist/), without require('electron'): on a machine without the binary that call
 * starts a download, which fails slowly on an offline desk.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron executable, or why there is none. */
function findElectron() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: 'node_modules/electron has no downloaded binary' };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
  return existsSync(binary) ? { binary } : { reason: `${binary} does not exist` };
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  // The terminal's Ctrl+C reaches the child directly; a SIGTERM from a supervisor is passed on.
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  process.on('SIGINT', () => {});
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electronMain = path.join(root, 'dist', 'main', 'index.cjs');
const webMain = path.join(root, 'dist', 'main', 'web.cjs');
if (!existsSync(electronMain) || !existsSync(webMain)) {
  console.error('Dealer Desk is not built: run `npm run build` first.');
  process.exit(1);
}

const electron = findElectron();
if (electron.binary) {
  // The project folder, not the script: Electron then reads package.json (name, main → dist/main/index.cjs),
  // so the app has its own name and per-user data folder.
  run(electron.binary, [root]);
} else {
  console.error(`Electron binary not available on this machine (${electron.reason}); starting browser mode instead.`);
  run(process.execPath, [webMain]);
}
