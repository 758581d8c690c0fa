/**
 * `npm run build`: the Node-side bundles with esbuild, then the renderer with Vite.
 *   dist/main/index.cjs    Electron main process
 *   dist/main/web.cjs      browser mode (plain Node)
 *   dist/preload/index.cjs the preload (sandboxed: it may require nothing but electron)
 *   dist/renderer/         renderer/vite.config.mts builds it there
 * Flags: --node-only (skip Vite), --renderer-only.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every Node-side bundle: add an entry here (e.g. bench runners) and it is built like the others. */
export const nodeEntries = [
  { in: 'main/index.ts', out: 'main/index' },
  { in: 'main/web.ts', out: 'main/web' },
  { in: 'preload/index.ts', out: 'preload/index' },
];

const nodeOptions = {
  absWorkingDir: root,
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  // electron is the host; better-sqlite3 is native (rebuilt per runtime, unpacked from the asar);
  // bufferutil and utf-8-validate are ws's optional speed-ups, required inside try/catch.
  external: ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate'],
  loader: { '.sql': 'text' },
  logLevel: 'warning',
};

export async function buildNode(entries = nodeEntries) {
  await build({ ...nodeOptions, entryPoints: entries });
  console.log(`built ${entries.map((e) => `dist/${e.out}.cjs`).join(', ')}`);
}

export async function buildRenderer() {
  const configFile = path.join(root, 'renderer', 'vite.config.mts');
  if (!existsSync(configFile)) throw new Error('renderer/vite.config.mts is missing: the renderer cannot be built.');
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile, logLevel: 'warn' });
  console.log('built dist/renderer');
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const flags = new Set(process.argv.slice(2));
  try {
    if (!flags.has('--renderer-only')) await buildNode();
    if (!flags.has('--node-only')) await buildRenderer();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
