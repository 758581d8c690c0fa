/**
 * Browser mode, ready to run: settings from the environment, the core, the web host. The entry
 * (main/web.ts) only adds the real createCore and the process's signals, so this runs in tests.
 */
import { mkdir } from 'node:fs/promises';
import type { DeskCore } from '../ipc/desk-core';
import { type CoreLaunchOptions, readLaunchOptions } from './launch-options';
import { startWebHost, type WebHost } from './web-host';

export interface RunnableCore extends DeskCore {
  start(): void;
  stop(): Promise<void>;
}

export interface BrowserModeOptions {
  env: Record<string, string | undefined>;
  createCore(options: CoreLaunchOptions): RunnableCore;
  rendererDir: string;
  log: (line: string) => void;
}

export interface BrowserMode {
  readonly host: WebHost;
  stop(): Promise<void>;
}

export const browserModeBanner = (url: string): string => `Dealer Desk (browser mode): ${url}`;

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const launch = readLaunchOptions(options.env);
  await mkdir(launch.core.dataDir, { recursive: true });
  const core = options.createCore({ ...launch.core, log: options.log });
  core.start();
  let host: WebHost;
  try {
    host = await startWebHost({ core, rendererDir: options.rendererDir, port: launch.port, log: options.log });
  } catch (error) {
    await core.stop();
    throw error;
  }

  let stopping: Promise<void> | null = null;
  return {
    host,
    stop() {
      // Host first, so no window asks the core anything while it is closing the cache.
      stopping ??= host.close().then(() => core.stop());
      return stopping;
    },
  };
}
