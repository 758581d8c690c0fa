/**
 * Browser mode's entry (dist/main/web.cjs): the same core as the Electron app, the renderer served
 * on 127.0.0.1. Prints exactly one line on stdout, the URL to open (tests parse it); every log
 * line goes to stderr.
 */
import path from 'node:path';
import { createCore } from './core/core';
import { browserModeBanner, startBrowserMode } from './web/browser-mode';
import { LaunchOptionsError } from './web/launch-options';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const desk = await startBrowserMode({
    env: process.env,
    createCore,
    // dist/main/web.cjs → dist/renderer
    rendererDir: path.join(__dirname, '..', 'renderer'),
    log,
  });
  process.stdout.write(`${browserModeBanner(desk.host.url)}\n`);

  const shutDown = (signal: string) => {
    log(`[web] ${signal}: stopping the desk`);
    // A second signal means "now": do not wait for the cache to close.
    process.once(signal, () => process.exit(130));
    desk.stop().then(
      () => process.exit(0),
      (error) => {
        log(`[web] stop failed: ${error instanceof Error ? error.stack : error}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutDown('SIGINT'));
  process.once('SIGTERM', () => shutDown('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof LaunchOptionsError) {
    log(`Dealer Desk cannot start:\n${error.message}`);
    process.exit(2);
  }
  log(`Dealer Desk failed to start: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
