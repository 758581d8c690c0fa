/**
 * The latency bench's browser: Debian's Chromium with DevTools on a loopback port, how the bench
 * lets go of it while measuring and comes back, the page's main thread as Linux sees it, and the
 * optional profiles of a measured window.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright';

/**
 * The desk's size, as Chromium's own window. Not Playwright's viewport: that is a DevTools override,
 * dropped when the bench lets go of the browser, so the desk was resized (and relaid out) as the
 * window opened, and then measured at headless Chromium's default 800×600 (until session 8 it was:
 * the accounts grid had no height at all).
 */
const WINDOW = { width: 1600, height: 900 };

/**
 * Disconnects from the browser and waits for the page to settle before a window opens: DevTools
 * detaching from the page is itself a task of 60 ms or so there (two runs of five in session 8 had
 * their only long task at 0.0 s into the window), and no desk ever pays it.
 */
export async function letGo(browser: Browser): Promise<void> {
  await browser.close();
  await sleep(2_000);
}

/** Connects to the browser again after letting go of it, and finds the desk page. */
export async function reconnect(endpoint: string, origin: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.connectOverCDP(endpoint);
  const page = browser
    .contexts()[0]
    ?.pages()
    .find((p) => p.url().startsWith(origin));
  if (!page) throw new Error('the desk page was not found again after measuring');
  return { browser, page };
}

/**
 * Debian's Chromium, headless, with DevTools on a loopback port the bench can connect to, leave
 * and come back to (Playwright's own launch ties the browser's life to one connection).
 */
export async function startChromium(dir: string): Promise<{ endpoint: string; kill(): void }> {
  const child = spawn(
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    [
      '--headless=new',
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      `--user-data-dir=${path.join(dir, 'chromium')}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-gpu',
      '--no-first-run',
      `--window-size=${WINDOW.width},${WINDOW.height}`,
      // As Playwright launches it: a headless page is never treated as hidden or throttled.
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      '--disable-renderer-backgrounding',
      '--disable-ipc-flooding-protection',
      '--hide-scrollbars',
      '--mute-audio',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools address:\n${seen}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (found) {
        clearTimeout(timer);
        resolve(found[1] as string);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened:\n${seen}`)));
  });
  return { endpoint, kill: () => child.kill() };
}

/** Chromium's running totals for the page (seconds of main-thread time by kind). */
export async function busyMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/**
 * The page's main thread (Linux: /proc): the first thread of the busiest renderer process, or null
 * where that cannot be read. Its CPU seconds so far, unlike busy wall time, are not inflated by
 * other jobs on the machine, so they are the figure to compare page-side changes by.
 */
export async function pageMainThread(browser: Browser): Promise<{ pid: number; cpu(): number | null } | null> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  const cpuOf = (pid: number): number | null => {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
    } catch {
      return null; // not Linux, or the process is gone
    }
  };
  // A renderer's main thread is the process's first thread; the page is by far the busiest renderer.
  let busiest: { pid: number; cpu: number } | null = null;
  for (const { id, type } of processInfo) {
    const cpu = type === 'renderer' ? cpuOf(id) : null;
    if (cpu !== null && (!busiest || cpu > busiest.cpu)) busiest = { pid: id, cpu };
  }
  if (!busiest) return null;
  const { pid } = busiest;
  return { pid, cpu: () => cpuOf(pid) };
}

/**
 * DESK_BENCH_FRAMES=1: each long animation frame's scripts (what a slow frame was made of).
 * DESK_BENCH_CPUPROFILE=<file>: the page's JavaScript CPU profile over the measured window (open it
 * in Chromium's DevTools). DESK_BENCH_TRACE=<file>: a performance trace of the same window, with
 * style, layout and paint. DESK_BENCH_ALLOC=<file>: where the page's JavaScript allocated over the
 * window (a sampled heap profile, DevTools' Memory tab opens it). All slow the page down: profile
 * runs are for where the time goes, never for the latency figures.
 */
export async function startProfiling(page: Page): Promise<{ attached: boolean; stop(): Promise<void> }> {
  const profileFile = process.env.DESK_BENCH_CPUPROFILE;
  const traceFile = process.env.DESK_BENCH_TRACE;
  const allocFile = process.env.DESK_BENCH_ALLOC;
  if (!profileFile && !traceFile && !allocFile) return { attached: false, stop: async () => {} };
  const cdp = await page.context().newCDPSession(page);
  if (allocFile) {
    await cdp.send('HeapProfiler.enable');
    // Every allocation the page makes, sampled, including what the collector freed since.
    await cdp.send('HeapProfiler.startSampling', {
      samplingInterval: 16_384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  if (profileFile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const traceEvents: unknown[] = [];
  let traceDone: Promise<void> = Promise.resolve();
  if (traceFile) {
    cdp.on('Tracing.dataCollected', (data) => traceEvents.push(...data.value));
    traceDone = new Promise((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: {
        // The timeline (script, style, layout, paint, with thread CPU time) and every task.
        includedCategories: (process.env.DESK_TRACE_CATS ?? 'devtools.timeline,toplevel').split(','),
      },
    });
  }
  return {
    attached: true,
    async stop() {
      if (allocFile) {
        const { profile } = await cdp.send('HeapProfiler.stopSampling');
        writeFileSync(allocFile, JSON.stringify(profile));
      }
      if (profileFile) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(profileFile, JSON.stringify(profile));
      }
      if (traceFile) {
        await cdp.send('Tracing.end');
        await traceDone;
        writeFileSync(traceFile, JSON.stringify({ traceEvents }));
      }
      await cdp.detach();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
