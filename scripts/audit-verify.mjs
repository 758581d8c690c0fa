// `npm run audit:verify -- <dataDir>`: verifies the audit trail in a data folder's desk.db.
// Bundles main/audit/verify-cli.ts with esbuild, as bench.mjs does for benchmarks, so it needs no
// prior `npm run build`, then runs it in this process (it sets the exit code: 0 OK, 1 broken,
// 2 cannot verify).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const outFile = join(root, 'dist', 'tools', 'audit-verify.cjs');

const { outputFiles } = await build({
  entryPoints: [join(root, 'main', 'audit', 'verify-cli.ts')],
  outfile: outFile,
  write: false,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron', 'better-sqlite3'],
  loader: { '.sql': 'text' },
  logLevel: 'warning',
});
// Written aside and renamed: two runs at once never load each other's half-written file.
mkdirSync(join(root, 'dist', 'tools'), { recursive: true });
const partial = `${outFile}.${process.pid}.tmp`;
writeFileSync(partial, outputFiles[0].contents);
renameSync(partial, outFile);
createRequire(import.meta.url)(outFile);
