// `npm run bench`: bundles each bench/*.bench.ts with esbuild, runs it in its own Node process
// (so one benchmark's heap and JIT state never colour the next), prints what each reports and
// writes all figures to bench/results/latest.json. Benchmarks print, they never assert.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'dist', 'bench');
const only = process.argv.slice(2);
const entries = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

mkdirSync(outDir, { recursive: true });
await build({
  entryPoints: entries.map((f) => join(root, 'bench', f)),
  outdir: outDir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron', 'better-sqlite3', 'playwright', 'playwright-core'],
  loader: { '.sql': 'text' },
  logLevel: 'warning',
});

const results = { machine: machineLine(), startedAt: new Date().toISOString(), benchmarks: {} };
for (const file of entries) {
  const name = file.replace('.bench.ts', '');
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(process.execPath, ['--expose-gc', join(outDir, file.replace('.ts', '.cjs'))], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = run.stdout.split('\n');
  // A benchmark prints human lines, then one line `RESULT {json}` with its figures.
  for (const line of lines) if (!line.startsWith('RESULT ')) console.log(line);
  const result = lines.find((l) => l.startsWith('RESULT '));
  results.benchmarks[name] = result ? JSON.parse(result.slice(7)) : { error: `exit ${run.status}` };
  if (run.status !== 0) console.log(`(${name} exited with ${run.status})`);
}
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote bench/results/latest.json');

function machineLine() {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
