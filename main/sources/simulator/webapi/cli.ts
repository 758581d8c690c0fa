/**
 * `npm run sim:server`: the simulator as an MT5 Web API server on loopback, for running the desk's
 * `mt5-webapi` source (or any Web API client) against it by hand. Settings from the environment:
 * SIM_PORT (default 8443, the usual HTTPS-alternate port; 0 = any free one), SIM_SEED, SIM_SPEED
 * (virtual ms per real ms, default 1), SIM_HOST (default 127.0.0.1). Prints one line each: URL,
 * manager login, manager password, certificate SHA-256 fingerprint. Ctrl-C stops it cleanly.
 */
import { startWebApiServer } from './server';

function numberFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got ${JSON.stringify(text)}`);
  return value;
}

async function main(): Promise<void> {
  const seed = numberFromEnv('SIM_SEED', 1);
  const server = await startWebApiServer({
    host: process.env.SIM_HOST ?? '127.0.0.1',
    port: numberFromEnv('SIM_PORT', 8443),
    speed: numberFromEnv('SIM_SPEED', 1),
    simulator: { seed },
  });
  const manager = server.managers[0];
  console.log(`url: ${server.url}`);
  console.log(`manager login: ${manager?.login}`);
  console.log(`manager password: ${manager?.password}`);
  console.log(`certificate sha256: ${server.fingerprint256}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
