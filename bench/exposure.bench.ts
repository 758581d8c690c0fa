/**
 * Exposure engine: the cost of one position event (µs) with 10,000 and with 1,000,000 open
 * positions, which must be flat, beside one full recompute of the same book. Positions are built
 * synthetically (the simulator would take minutes at a million). Each figure is the median of
 * several runs; an event is a partial close or reopen of a random open position, a new position
 * or a close, in the proportions a live book sees.
 *
 * A third row separates work from memory: the 1,000,000-position book with its events falling on
 * 10,000 of its positions (a live book's active accounts are a small share of it). The engine does
 * the same work per event as on the uniform row; only the memory it touches is the small book's.
 * If that row costs what the 10,000-position book does, the cost of an event does not depend on how
 * many positions are open, and the uniform row's growth is the memory hierarchy (cache misses in
 * million-entry maps, a 100× larger heap for the collector), which the bare Map floor shows too.
 */

import { ExposureEngine } from '../main/engines/exposure/engine';
import { account, GROUPS, position, SYMBOLS } from '../main/engines/exposure/fixtures';
import { recomputeExposure } from '../main/engines/exposure/recompute';
import type { Position } from '../shared/domain';
import type { SyncEvent } from '../shared/events';
import { fmt, median, report, seededRandom } from './stats';

const SERVER = 'bench';
/** Open positions, and how many of them the events fall on (all of them unless said). */
const CASES = [
  { size: 10_000, hot: 10_000 },
  { size: 1_000_000, hot: 1_000_000 },
  { size: 1_000_000, hot: 10_000 },
] as const;
const EVENTS = 200_000;
const RUNS = 5;
const RECOMPUTE_RUNS = 3;
const ACCOUNTS_PER_POSITIONS = 20;

// A fixed sequence, so both sizes see the same mix.
const random = seededRandom(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const PRICES: Record<string, number> = { EURUSD: 1.08, USDJPY: 151.2, XAUUSD: 2350, GER40: 18_000 };

function book(size: number) {
  const accounts = Array.from({ length: Math.max(1, Math.floor(size / ACCOUNTS_PER_POSITIONS)) }, (_, i) =>
    account(i + 1, (GROUPS[i % GROUPS.length] ?? GROUPS[0])!.group, 100_000, 500_000, 100),
  );
  const positions: Position[] = [];
  for (let ticket = 1; ticket <= size; ticket++) positions.push(randomPosition(ticket, accounts.length));
  return { accounts, positions };
}

function randomPosition(ticket: number, accounts: number): Position {
  const spec = pick(SYMBOLS);
  const price = (PRICES[spec.symbol] ?? 1) * (0.95 + random() * 0.1);
  const lots = 1 + Math.floor(random() * 500);
  return position(ticket, 1 + Math.floor(random() * accounts), spec.symbol, random() < 0.5 ? 0 : 1, lots * 1e6, price);
}

const ticks = SYMBOLS.map((s) => ({
  symbol: s.symbol,
  timeMsc: 1,
  bid: PRICES[s.symbol] ?? 1,
  ask: (PRICES[s.symbol] ?? 1) * 1.0001,
}));

function loadedEngine(accounts: ReturnType<typeof book>['accounts'], positions: readonly Position[]): ExposureEngine {
  const engine = new ExposureEngine();
  let seq = 0;
  const v = () => ({ server: SERVER, seq: ++seq, version: seq });
  for (const spec of SYMBOLS) engine.applyOne({ type: 'symbol.update', ...v(), symbol: spec });
  for (const group of GROUPS) engine.applyOne({ type: 'group.update', ...v(), group });
  for (const tick of ticks) engine.applyOne({ type: 'tick', server: SERVER, seq: ++seq, tick });
  for (const a of accounts) engine.applyOne({ type: 'account.add', ...v(), account: a });
  for (const p of positions) engine.applyOne({ type: 'position.add', ...v(), position: p });
  return engine;
}

/**
 * Events over the open book: 60% updates (partial closes, averaging), 20% closes, 20% opens. The
 * updates and closes fall on the first `hot` open positions (a close moves the newest in its place).
 */
function eventStream(positions: Position[], accounts: number, hot: number): SyncEvent[] {
  const events: SyncEvent[] = [];
  const open = positions.slice();
  let nextTicket = positions.length + 1;
  const anyHot = () => Math.floor(random() * Math.min(open.length, hot));
  for (let i = 0; i < EVENTS; i++) {
    const r = random();
    const seq = i + 1;
    if (r < 0.6) {
      const at = anyHot();
      const p = open[at] as Position;
      const updated = { ...p, volume: Math.max(1_000_000, Math.round(p.volume * (0.5 + random()))) };
      open[at] = updated;
      events.push({ type: 'position.update', server: SERVER, seq, version: seq, position: updated });
    } else if (r < 0.8) {
      const at = anyHot();
      const p = open[at] as Position;
      open[at] = open[open.length - 1] as Position;
      open.pop();
      events.push({ type: 'position.delete', server: SERVER, seq, version: seq, ticket: p.ticket, login: p.login });
    } else {
      const p = randomPosition(nextTicket++, accounts);
      open.push(p);
      events.push({ type: 'position.add', server: SERVER, seq, version: seq, position: p });
    }
  }
  return events;
}

/**
 * The floor: the same events against a bare Map of the same size (find the record, replace or
 * delete it, nothing else). Any engine is at least this; if the floor grows with the book as the
 * engine does, the growth is the memory hierarchy (cache misses, a 100× larger heap for the
 * garbage collector to walk), not work per event.
 */
function mapFloor(positions: readonly Position[], events: readonly SyncEvent[]): number {
  const map = new Map<number, { volume: number; open: bigint }>();
  for (const p of positions) map.set(p.ticket, { volume: p.volume, open: BigInt(p.volume) });
  const started = process.hrtime.bigint();
  for (const e of events) {
    if (e.type === 'position.delete') map.delete(e.ticket);
    else if (e.type === 'position.add' || e.type === 'position.update') {
      const found = map.get(e.position.ticket);
      if (found) found.volume = e.position.volume;
      else map.set(e.position.ticket, { volume: e.position.volume, open: BigInt(e.position.volume) });
    }
  }
  return Number(process.hrtime.bigint() - started) / 1e3 / events.length;
}

/**
 * The engine's work per event, counted rather than timed: Map lookups, inserts and deletes (every
 * keyed structure in the engine is a Map) over a separate, untimed run of the same kind of events.
 * Equal counts at 10,000 and 1,000,000 positions mean the same work per event, whatever the clock
 * says about the memory it touches.
 */
function mapOperationsPerEvent(
  accounts: ReturnType<typeof book>['accounts'],
  positions: readonly Position[],
  hot: number,
): number {
  const engine = loadedEngine(accounts, positions);
  const events = eventStream(positions as Position[], accounts.length, hot);
  const proto = Map.prototype;
  const originals = { get: proto.get, set: proto.set, has: proto.has, delete: proto.delete };
  let count = 0;
  for (const name of ['get', 'set', 'has', 'delete'] as const) {
    const original = originals[name] as (...args: unknown[]) => unknown;
    (proto as unknown as Record<string, unknown>)[name] = function (this: Map<unknown, unknown>, ...args: unknown[]) {
      count++;
      return original.apply(this, args);
    };
  }
  try {
    engine.apply(events);
  } finally {
    Object.assign(proto, originals);
  }
  return Number((count / events.length).toFixed(2));
}

const rows: Record<string, number>[] = [];
for (const { size, hot } of CASES) {
  const { accounts, positions } = book(size);
  const perEvent: number[] = [];
  const floor: number[] = [];
  let engine = loadedEngine(accounts, positions);
  for (let run = 0; run < RUNS; run++) {
    if (run > 0) engine = loadedEngine(accounts, positions);
    const events = eventStream(positions, accounts.length, hot);
    const started = process.hrtime.bigint();
    engine.apply(events);
    perEvent.push(Number(process.hrtime.bigint() - started) / 1e3 / EVENTS);
    floor.push(mapFloor(positions, events));
  }
  const recompute: number[] = [];
  const cache = [{ server: SERVER, symbols: SYMBOLS, groups: GROUPS, ticks, accounts, positions, orders: [] }];
  for (let run = 0; run < RECOMPUTE_RUNS; run++) {
    const started = process.hrtime.bigint();
    recomputeExposure(cache);
    recompute.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const mapOpsPerEvent = mapOperationsPerEvent(accounts, positions, hot);
  // A read walks cells (symbols × slices), not positions: it should not grow with the book either.
  const snapshotStarted = process.hrtime.bigint();
  engine.snapshot();
  const row = {
    positions: size,
    activePositions: hot,
    eventMicros: Number(median(perEvent).toFixed(3)),
    mapOpsPerEvent,
    mapFloorMicros: Number(median(floor).toFixed(3)),
    recomputeMillis: Number(median(recompute).toFixed(1)),
    snapshotMicros: Math.round(Number(process.hrtime.bigint() - snapshotStarted) / 1e3),
  };
  rows.push(row);
  console.log(
    `${fmt(size)} open positions (events on ${fmt(hot)}): ${row.eventMicros} µs per position event (median of ${RUNS} × ${fmt(EVENTS)}; ` +
      `${row.mapOpsPerEvent} Map operations each), ` +
      `bare Map floor ${row.mapFloorMicros} µs, full recompute ${row.recomputeMillis} ms ` +
      `(median of ${RECOMPUTE_RUNS}), snapshot ${row.snapshotMicros} µs`,
  );
}

const [small, large, largeHot] = rows;
const ratio = (key: string, of: Record<string, number> | undefined): number =>
  small && of ? Number(((of[key] ?? 0) / (small[key] ?? 1)).toFixed(2)) : Number.NaN;
const flatness = ratio('eventMicros', large);
const floorGrowth = ratio('mapFloorMicros', large);
const hotFlatness = ratio('eventMicros', largeHot);
console.log(
  `per-event cost at 1,000,000 vs 10,000 open positions: × ${flatness} (bare Map floor × ${floorGrowth}; positions × 100); ` +
    `with the events on 10,000 of the 1,000,000: × ${hotFlatness}`,
);
report({ events: EVENTS, runs: RUNS, sizes: rows, flatness, floorGrowth, hotFlatness });
