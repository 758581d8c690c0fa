/**
 * Ingest throughput: the flat-out simulator → validation → cache apply, in events/s, beside the
 * raw floor measured in the same run on the same machine: the same number of rows inserted by
 * one prepared statement in one transaction into a plain table (no validation, no version rules).
 * Each figure is the median of several runs on a fresh SQLite file (WAL, synchronous=NORMAL,
 * as the mirror runs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openMirror } from '../main/cache';
import { Simulator } from '../main/sources/simulator/simulator';
import type { SourceCursor, SyncEvent } from '../shared/events';
import { parseSyncEvent } from '../shared/events';
import { fmt, median, report } from './stats';

const EVENTS = 300_000;
const BATCH = 2_000;
const RUNS = 5;
const SERVER = 'bench';
const config = { seed: 3, server: SERVER, clients: 2_000, initialPositions: 5_000 };

const dir = mkdtempSync(path.join(tmpdir(), 'desk-bench-'));
let fileNo = 0;
const freshFile = () => path.join(dir, `run-${++fileNo}.db`);

function cursorAfter(events: readonly SyncEvent[], previous: SourceCursor): SourceCursor {
  let { dealTimeMsc, dealTicket } = previous;
  for (const e of events) if (e.type === 'deal.add') ({ timeMsc: dealTimeMsc, ticket: dealTicket } = e.deal);
  return { seq: events[events.length - 1]?.seq ?? previous.seq, dealTimeMsc, dealTicket, tickTransId: '' };
}

/** The whole path, timed end to end: generate, validate, apply with the cursor, commit. */
function pipelineRun(): number {
  const mirror = openMirror(freshFile());
  const simulator = new Simulator(config);
  let cursor = mirror.cursor(SERVER);
  const started = process.hrtime.bigint();
  for (let done = 0; done < EVENTS; ) {
    const events = simulator.next(Math.min(BATCH, EVENTS - done));
    cursor = cursorAfter(events, cursor);
    mirror.applyBatch(SERVER, events, cursor);
    done += events.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  mirror.close();
  return EVENTS / seconds;
}

/** The same event count as rows of a plain table: one prepared INSERT, batches of one transaction. */
function floorRun(rows: readonly (readonly (string | number)[])[]): number {
  const db = new Database(freshFile());
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'CREATE TABLE floor (server TEXT, kind TEXT, key INTEGER, version INTEGER, a REAL, b REAL, c INTEGER, d TEXT)',
  );
  const insert = db.prepare('INSERT INTO floor VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const batch = db.transaction((slice: readonly (readonly (string | number)[])[]) => {
    for (const row of slice) insert.run(row);
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < rows.length; i += BATCH) batch(rows.slice(i, i + BATCH));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return rows.length / seconds;
}

function timed(fn: () => void): number {
  const started = process.hrtime.bigint();
  fn();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return EVENTS / seconds;
}

// The same events once more, kept in memory, for the floor's rows and the stage breakdown.
const events = new Simulator(config).next(EVENTS);
const rows = events.map((e, i) => [SERVER, e.type, i, e.seq, 1.2345, 1.2347, i * 7, 'EURUSD'] as const);
const mix = Object.entries(
  events.reduce<Record<string, number>>((m, e) => {
    m[e.type] = (m[e.type] ?? 0) + 1;
    return m;
  }, {}),
)
  .sort((a, b) => b[1] - a[1])
  .map(([t, n]) => `${t} ${((n / EVENTS) * 100).toFixed(1)}%`)
  .join(', ');

const pipeline: number[] = [];
const floor: number[] = [];
const generate: number[] = [];
const validate: number[] = [];
for (let run = 0; run < RUNS; run++) {
  pipeline.push(pipelineRun());
  floor.push(floorRun(rows));
  generate.push(timed(() => new Simulator(config).next(EVENTS)));
  validate.push(
    timed(() => {
      for (const e of events) parseSyncEvent(e);
    }),
  );
}
rmSync(dir, { recursive: true, force: true });

const result = {
  events: EVENTS,
  batch: BATCH,
  runs: RUNS,
  pipelineEventsPerSecond: Math.round(median(pipeline)),
  floorRowsPerSecond: Math.round(median(floor)),
  ratioToFloor: Number((median(pipeline) / median(floor)).toFixed(3)),
  simulatorEventsPerSecond: Math.round(median(generate)),
  validationEventsPerSecond: Math.round(median(validate)),
  eventMix: mix,
};
console.log(`event mix: ${mix}`);
console.log(
  `simulator → validation → cache apply: ${fmt(result.pipelineEventsPerSecond)} events/s (median of ${RUNS})`,
);
console.log(`raw floor (one prepared INSERT, one transaction per ${BATCH}): ${fmt(result.floorRowsPerSecond)} rows/s`);
console.log(`ratio to floor: ${result.ratioToFloor}   (target: ≥ 100,000 events/s and ≥ 0.25 of the floor)`);
console.log(
  `stages alone: simulator ${fmt(result.simulatorEventsPerSecond)} events/s, validation ${fmt(result.validationEventsPerSecond)} events/s`,
);
report(result);
