import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleThread, splitter } from './run-queue';

describe('splitter', () => {
  // Wall ms, ns run, ns waited in the run queue.
  const samples = new Float64Array([1000, 0, 0, 1010, 4e6, 6e6, 1020, 14e6, 6e6, 1030, 14e6, 6e6]);
  const split = splitter(samples);

  it('splits a span into running, waiting for a core and blocked', () => {
    expect(split(1000, 20)).toEqual({ ranMs: 14, waitedMs: 6, blockedMs: 0 });
    // Half of each of the first two intervals; the third is all blocked.
    expect(split(1005, 10)).toEqual({ ranMs: 7, waitedMs: 3, blockedMs: 0 });
    expect(split(1020, 10)).toEqual({ ranMs: 0, waitedMs: 0, blockedMs: 10 });
  });

  it('says nothing of a span outside the samples', () => {
    expect(split(990, 20)).toBeNull();
    expect(split(1025, 10)).toBeNull();
    expect(splitter(new Float64Array(0))(1000, 1)).toBeNull();
  });
});

const linux = existsSync(`/proc/${process.pid}/task/${process.pid}/schedstat`);
if (!linux)
  console.log('[unit] run-queue.test.ts sampleThread skipped: no /proc/<pid>/task/<tid>/schedstat (Linux only)');

describe.skipIf(!linux)('sampleThread (Linux)', () => {
  it('sees this thread run through a busy loop', async () => {
    const sampler = sampleThread(process.pid, process.pid);
    if (!sampler) throw new Error('schedstat exists but was not sampled');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const start = performance.timeOrigin + performance.now();
    while (performance.timeOrigin + performance.now() - start < 100) {
      // spin: this thread either runs or waits for a core, never blocks
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    const split = await sampler.stop();
    const time = split(start, 100);
    expect(time).not.toBeNull();
    expect((time?.ranMs ?? 0) + (time?.waitedMs ?? 0)).toBeGreaterThan(80);
  });

  it('is null for a thread that does not exist', () => {
    expect(sampleThread(process.pid, 2 ** 30)).toBeNull();
  });
});
