/**
 * A quick local measurement of applyBatch throughput (not a test, not the benchmark).
 * Run: npx esbuild main/cache/measure-apply.ts --bundle --platform=node --loader:.sql=text \
 *        --external:better-sqlite3 --outfile=/tmp/measure-apply.cjs &&
 *        NODE_PATH=node_modules node /tmp/measure-apply.cjs
 *
 * Compares, on the same synthetic stream (mostly ticks, as a live server sends):
 * - validation alone (parseSyncEvent),
 * - applyBatch (validation + apply + cursor, one transaction per batch),
 * - the raw floor: one row per event inserted by one prepared statement in one transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseSyncEvent } from '../../shared/events';
import { openMirror } from './mirror';

const EVENTS = Number(process.env.EVENTS ?? 300_000);
const BATCH = Number(process.env.BATCH ?? 1_000);
const SERVER = 'bench';
const SYMBOLS = Array.from({ length: 40 }, (_, i) => `SYM${i}`);

function syntheticStream(count: number): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const kind = seq % 100;
    const timeMsc = 1_700_000_000_000 + seq;
    if (kind < 90) {
      const bid = 1 + (seq % 1000) / 10_000;
      events.push({
        type: 'tick',
        server: SERVER,
        seq,
        tick: { symbol: SYMBOLS[seq % SYMBOLS.length], timeMsc, bid, ask: bid + 0.0002 },
      });
    } else if (kind < 95) {
      events.push({
        type: 'position.update',
        server: SERVER,
        seq,
        version: seq,
        position: {
          ticket: 1 + (seq % 2000),
          login: 1000 + (seq % 300),
          symbol: SYMBOLS[seq % SYMBOLS.length],
          action: seq % 2,
          volume: 10_000_000,
          priceOpen: 1.1,
          priceCurrent: 1.1001,
          priceSL: 0,
          priceTP: 0,
          profit: seq % 5000,
          swap: 0,
          timeCreateMsc: timeMsc - 1000,
          timeUpdateMsc: timeMsc,
          reason: 0,
          comment: '',
        },
      });
    } else if (kind < 98) {
      events.push({
        type: 'deal.add',
        server: SERVER,
        seq,
        deal: {
          ticket: seq,
          login: 1000 + (seq % 300),
          timeMsc,
          action: 0,
          entry: 0,
          symbol: SYMBOLS[seq % SYMBOLS.length],
          volume: 10_000_000,
          price: 1.1,
          pricePosition: 0,
          profit: 0,
          commission: -350,
          swap: 0,
          positionId: 1 + (seq % 2000),
          order: seq,
          reason: 0,
          contractSize: 100_000,
          comment: '',
        },
      });
    } else {
      events.push({
        type: 'account.update',
        server: SERVER,
        seq,
        version: seq,
        account: {
          login: 1000 + (seq % 300),
          group: 'real\\standard',
          name: 'Client',
          leverage: 100,
          rights: 0x163,
          country: 'CY',
          balance: 1_000_000,
          credit: 0,
          margin: 20_000,
          equity: 1_000_000 + (seq % 777),
          floating: seq % 777,
          registrationMsc: 1_600_000_000_000,
        },
      });
    }
  }
  return events;
}

function perSecond(count: number, startedNs: bigint): number {
  return Math.round(count / (Number(process.hrtime.bigint() - startedNs) / 1e9));
}

function main(): void {
  const folder = mkdtempSync(join(tmpdir(), 'desk-measure-'));
  const events = syntheticStream(EVENTS);
  try {
    let started = process.hrtime.bigint();
    for (const event of events) parseSyncEvent(event);
    const validationRate = perSecond(EVENTS, started);

    const mirror = openMirror(join(folder, 'mirror.sqlite'));
    started = process.hrtime.bigint();
    let applied = 0;
    for (let from = 0; from < EVENTS; from += BATCH) {
      const batch = events.slice(from, from + BATCH);
      const cursor = { seq: from + batch.length, dealTimeMsc: 0, dealTicket: 0, tickTransId: '' };
      applied += mirror.applyBatch(SERVER, batch, cursor).applied.length;
    }
    const applyRate = perSecond(EVENTS, started);
    mirror.close();

    const raw = new Database(join(folder, 'floor.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec('CREATE TABLE rows (server TEXT, symbol TEXT, time_msc INTEGER, seq INTEGER, bid REAL, ask REAL)');
    const insert = raw.prepare('INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?)');
    started = process.hrtime.bigint();
    raw.transaction(() => {
      for (let seq = 1; seq <= EVENTS; seq++) {
        insert.run(SERVER, SYMBOLS[seq % SYMBOLS.length], 1_700_000_000_000 + seq, seq, 1.1, 1.1002);
      }
    })();
    const floorRate = perSecond(EVENTS, started);
    raw.close();

    console.log(`events ${EVENTS}, batch ${BATCH}, applied ${applied}`);
    console.log(`validation only      ${validationRate.toLocaleString('en-US')} events/s`);
    console.log(`applyBatch           ${applyRate.toLocaleString('en-US')} events/s`);
    console.log(`raw insert floor     ${floorRate.toLocaleString('en-US')} rows/s`);
    console.log(`applyBatch / floor   ${((applyRate / floorRate) * 100).toFixed(1)} %`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main();
