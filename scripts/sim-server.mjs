// `npm run sim:server`: the simulator served as an MT5 Web API over HTTPS on 127.0.0.1.
// Bundles main/sources/simulator/webapi/cli.ts with esbuild, as audit-verify.mjs does, so it needs
// no prior `npm run build`, then runs it in this process. Settings: SIM_PORT, SIM_SEED, SIM_SPEED.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const outFile = join(root, 'dist', 'tools', 'sim-server.cjs');

const { outputFiles } = await build({
  entryPoints: [join(root, 'main', 'sources', 'simulator', 'webapi', 'cli.ts')],
  outfile: outFile,
  write: false,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
});
// Written aside and renamed: two runs at once never load each other's half-written file.
mkdirSync(join(root, 'dist', 'tools'), { recursive: true });
const partial = `${outFile}.${process.pid}.tmp`;
writeFileSync(partial, outputFiles[0].contents);
renameSync(partial, outFile);
createRequire(import.meta.url)(outFile);
