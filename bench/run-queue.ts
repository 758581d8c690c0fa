/**
 * Where a thread's wall time went, from Linux's scheduler statistics: running, waiting in the run
 * queue for a core, or neither (blocked: sleeping on a lock, another thread, or I/O). A long task
 * in the page is wall time; on a 2-core machine shared with the core and the browser's other
 * processes, part of it can be the page waiting for a core rather than working. Telling the two
 * apart says whether a long task calls for less work in the page or is the machine's.
 *
 * `/proc/<pid>/task/<tid>/schedstat` holds three numbers: nanoseconds run, nanoseconds waited in the
 * run queue, time slices. A worker thread samples it every couple of milliseconds, so the sampling
 * never waits behind the core's frames on this process's event loop.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** How a span of a thread's wall time was spent, in milliseconds. */
export interface ThreadTime {
  ranMs: number;
  waitedMs: number;
  blockedMs: number;
}

export interface ThreadSampler {
  /** Stops sampling and returns how to split any span inside the sampled time. */
  stop(): Promise<(startMs: number, durationMs: number) => ThreadTime | null>;
}

const SAMPLE_EVERY_MS = 2;
/** Room for ten minutes of samples: [wall ms, ns run, ns waited] each. */
const CAPACITY = (10 * 60_000) / SAMPLE_EVERY_MS;

// Plain JavaScript: the worker runs it as is, not through the bench's bundle.
const SAMPLER = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { file, flag, samples, capacity, everyMs } = workerData;
const stop = new Int32Array(flag);
const out = new Float64Array(samples);
let n = 0;
while (Atomics.load(stop, 0) === 0 && n < capacity) {
  let text;
  try { text = readFileSync(file, 'utf8'); } catch { break; }
  const [ran, waited] = text.split(' ');
  out[n * 3] = performance.timeOrigin + performance.now();
  out[n * 3 + 1] = Number(ran);
  out[n * 3 + 2] = Number(waited);
  n += 1;
  Atomics.store(stop, 1, n);
  Atomics.wait(stop, 0, 0, everyMs);
}
`;

/** Samples one thread's schedstat (Linux), or returns null where it cannot be read. */
export function sampleThread(pid: number, tid: number): ThreadSampler | null {
  const file = `/proc/${pid}/task/${tid}/schedstat`;
  try {
    readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const flag = new SharedArrayBuffer(8);
  const samples = new SharedArrayBuffer(CAPACITY * 3 * 8);
  const worker = new Worker(SAMPLER, {
    eval: true,
    workerData: { file, flag, samples, capacity: CAPACITY, everyMs: SAMPLE_EVERY_MS },
  });
  const done = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      const control = new Int32Array(flag);
      Atomics.store(control, 0, 1);
      Atomics.notify(control, 0);
      await done;
      return splitter(new Float64Array(samples, 0, Atomics.load(control, 1) * 3));
    },
  };
}

/** Splits a span by the samples around it, interpolating each counter linearly in wall time. */
export function splitter(samples: Float64Array): (startMs: number, durationMs: number) => ThreadTime | null {
  const count = samples.length / 3;
  const at = (i: number) => samples[i * 3] as number;
  const counterAt = (t: number, field: 1 | 2): number | null => {
    if (count < 2 || t < at(0) || t > at(count - 1)) return null;
    let lo = 0;
    let hi = count - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (at(mid) <= t) lo = mid;
      else hi = mid;
    }
    const span = at(hi) - at(lo);
    const share = span > 0 ? (t - at(lo)) / span : 0;
    const from = samples[lo * 3 + field] as number;
    return from + ((samples[hi * 3 + field] as number) - from) * share;
  };
  return (startMs, durationMs) => {
    const end = startMs + durationMs;
    const ranFrom = counterAt(startMs, 1);
    const ranTo = counterAt(end, 1);
    const waitedFrom = counterAt(startMs, 2);
    const waitedTo = counterAt(end, 2);
    if (ranFrom === null || ranTo === null || waitedFrom === null || waitedTo === null) return null;
    const ranMs = (ranTo - ranFrom) / 1e6;
    const waitedMs = (waitedTo - waitedFrom) / 1e6;
    return { ranMs, waitedMs, blockedMs: Math.max(0, durationMs - ranMs - waitedMs) };
  };
}
