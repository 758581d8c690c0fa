// `node scripts/trace-long-tasks.mjs <trace.json>`: where a page's main thread went in a trace
// written by bench/screen-latency (DESK_BENCH_TRACE=<file>), and each long task's wall time beside
// its thread CPU time. A task whose CPU time is well under its wall time was waiting for a core
// (other processes on the machine), not doing more work: the two call for different fixes.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/trace-long-tasks.mjs <trace.json>');
  process.exit(2);
}
const { traceEvents } = JSON.parse(readFileSync(file, 'utf8'));

// The page is the renderer main thread with the most events.
const mainThreads = new Set(
  traceEvents
    .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`),
);
const perThread = new Map();
for (const e of traceEvents) {
  const key = `${e.pid}:${e.tid}`;
  if (mainThreads.has(key)) perThread.set(key, (perThread.get(key) ?? 0) + 1);
}
const page = [...perThread].sort((a, b) => b[1] - a[1])[0]?.[0];
if (!page) {
  console.error(`${file}: no renderer main thread in this trace`);
  process.exit(1);
}
const events = traceEvents.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === page);
const tasks = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
const spanS = (Math.max(...tasks.map((t) => t.ts + t.dur)) - tasks[0].ts) / 1e6;
const cpuOf = (e) => e.tdur ?? e.dur;
const sum = (list, of) => list.reduce((total, e) => total + of(e), 0);

const KINDS = ['FunctionCall', 'Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Layerize', 'HitTest'];
const msPerS = (list) => Math.round(sum(list, cpuOf) / 1e3 / spanS);
console.log(
  `page main thread over ${spanS.toFixed(1)} s: busy ${Math.round(sum(tasks, (t) => t.dur) / 1e4 / spanS)} % of wall time, ` +
    `${Math.round(sum(tasks, cpuOf) / 1e4 / spanS)} % CPU`,
);
console.log(
  `CPU ms per s: ${KINDS.map((k) => `${k} ${msPerS(events.filter((e) => e.name === k))}`).join(', ')}` +
    ` (FunctionCall includes the layouts script forced)`,
);

const long = tasks.filter((t) => t.dur > 50_000);
console.log(`long tasks over 50 ms: ${long.length}`);
for (const task of long) {
  const inside = events.filter(
    (e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && KINDS.includes(e.name),
  );
  const parts = KINDS.map((k) => [
    k,
    sum(
      inside.filter((e) => e.name === k),
      cpuOf,
    ) / 1e3,
  ])
    .filter(([, ms]) => ms >= 1)
    .sort((a, b) => b[1] - a[1])
    .map(([k, ms]) => `${k} ${Math.round(ms)}`);
  console.log(
    `  wall ${Math.round(task.dur / 1e3)} ms, CPU ${Math.round(cpuOf(task) / 1e3)} ms: ${parts.join(', ') || '(no timeline events)'}`,
  );
}
