// Runs a TypeScript command-line tool of the desk without a prior `npm run build`: bundles its
// entry with esbuild into dist/tools/<name>.cjs, then loads it in this process (the tool sets
// its own exit code). Used by audit-verify.mjs and sim-server.mjs.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;

/** `entry` relative to the repository root, e.g. 'main/audit/verify-cli.ts'. */
export async function runTool(name, entry) {
  const outFile = join(root, 'dist', 'tools', `${name}.cjs`);
  const { outputFiles } = await build({
    entryPoints: [join(root, entry)],
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
}
