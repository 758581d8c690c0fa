/**
 * The Electron app's composition root: build the core, wire it to windows through the hub,
 * serve the renderer on app://desk/, open the main window. Nothing else lives here.
 */
import path from 'node:path';
import { app, ipcMain, safeStorage, session } from 'electron';
import { isDeskUrl } from './app/desk-url';
import { connectIpc, createDeskWindows } from './app/ipc-bridge';
import { openMainWindow } from './app/main-window';
import { registerDeskScheme, serveRenderer } from './app/protocol';
import { hardenSession, hardenWebContents } from './app/security';
import { createCore } from './core/core';
import type { DeskStores } from './core/stores';
import { createHub } from './ipc/hub';
import { KeychainVault } from './servers/keychain-vault';
import { StoredServers } from './servers/stored-servers';
import { LaunchOptionsError, readLaunchOptions } from './web/launch-options';

const log = (line: string) => process.stderr.write(`${line}\n`);

// dist/main/index.cjs → dist/preload/index.cjs and dist/renderer
const preloadPath = path.join(__dirname, '..', 'preload', 'index.cjs');
const rendererDir = path.join(__dirname, '..', 'renderer');

registerDeskScheme();
hardenWebContents(app, log);

// One desk per user: a second instance would fight the first over the cache's SQLite files.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.whenReady().then(start, (error) => fail(error));
}

function start(): void {
  let launch: ReturnType<typeof readLaunchOptions>;
  try {
    launch = readLaunchOptions(process.env, { dataDir: path.join(app.getPath('userData'), 'desk') });
  } catch (error) {
    fail(error);
    return;
  }
  const dataDir = launch.core.dataDir;
  // Servers from DESK_SERVERS_FILE when set; otherwise the connection dialog's, with passwords in the OS keychain.
  const servers =
    launch.core.servers ??
    ((stores: DeskStores) =>
      new StoredServers(stores.record, new KeychainVault(path.join(dataDir, 'credentials.json'), safeStorage), log));
  const core = createCore({ ...launch.core, servers, log });
  const hub = createHub(core, { isTrustedSender: (sender) => isDeskUrl(sender.url), log });
  const windows = createDeskWindows(hub);

  hardenSession(session.defaultSession);
  serveRenderer(rendererDir);
  connectIpc(ipcMain, hub, windows);
  core.start();
  const mainWindow = openMainWindow(windows, preloadPath);

  app.on('second-instance', () => {
    if (mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Closing the desk's window ends the session on every platform (macOS too): a desk left running
  // without a window would hold the MT5 session and the cache for no one.
  app.on('window-all-closed', () => app.quit());

  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    // Hold the quit until the cache has closed its last transaction.
    event.preventDefault();
    hub.close();
    core.stop().then(
      () => {
        stopped = true;
        app.quit();
      },
      (error: unknown) => {
        log(`[app] core stop failed: ${error instanceof Error ? error.stack : error}`);
        stopped = true;
        app.quit();
      },
    );
  });
}

function fail(error: unknown): void {
  const message = error instanceof LaunchOptionsError ? error.message : error instanceof Error ? error.stack : error;
  log(`Dealer Desk cannot start:\n${message}`);
  app.exit(error instanceof LaunchOptionsError ? 2 : 1);
}
