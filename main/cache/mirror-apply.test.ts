import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_CURSOR, type SourceCursor } from '../../shared/events';
import { CacheError } from './errors';
import { type MirrorCache, openMirror } from './mirror';
import {
  account,
  accountUpdate,
  cursorAt,
  deal,
  dealAdd,
  order,
  orderAdd,
  orderDelete,
  position,
  positionAdd,
  positionDelete,
  positionUpdate,
  SERVER,
  tempFolder,
  tick,
} from './test-events';

const NOW = 1_750_000_000_000;

describe('applyBatch', () => {
  let mirror: MirrorCache;
  beforeEach(() => {
    mirror = openMirror(':memory:', { now: () => NOW });
  });
  afterEach(() => mirror.close());

  it('applies each kind once and reports only what changed state, in input order', () => {
    const p = position(7);
    const events = [
      positionAdd(1, 1, p),
      dealAdd(2, deal(70, { positionId: 7 })),
      tick(3, 'EURUSD', 100),
      accountUpdate(4, 1, account(1001)),
      orderAdd(5, 1, order(9)),
      { type: 'source.status', server: SERVER, seq: 6, state: 'live', lagMs: 12, message: '' },
    ];
    const first = mirror.applyBatch(SERVER, events, cursorAt(6));
    expect(first).toMatchObject({ duplicates: 0, stale: 0, deadLettered: 0 });
    expect(first.applied.map((e) => e.type)).toEqual([
      'position.add',
      'deal.add',
      'tick',
      'account.update',
      'order.add',
      'source.status',
    ]);

    // A redelivery changes nothing; only the status (live information) passes again.
    const again = mirror.applyBatch(SERVER, events, cursorAt(6));
    expect(again.applied.map((e) => e.type)).toEqual(['source.status']);
    expect(again).toMatchObject({ duplicates: 5, stale: 0, deadLettered: 0 });
  });

  it('keeps a deleted position deleted: a late update at v4 after the delete at v5 is stale', () => {
    const p = position(11);
    mirror.applyBatch(SERVER, [positionAdd(1, 1, p), positionDelete(2, 5, p)], cursorAt(2));
    const late = mirror.applyBatch(SERVER, [positionUpdate(3, 4, { ...p, volume: 1 })], cursorAt(3));
    expect(late).toMatchObject({ applied: [], stale: 1, duplicates: 0 });
    expect(mirror.openPositions()).toEqual([]);

    // Even an add that arrives after the tombstone, with an older version, cannot revive it.
    expect(mirror.applyBatch(SERVER, [positionAdd(4, 2, p)], cursorAt(4)).stale).toBe(1);
    expect(mirror.openPositions()).toEqual([]);
  });

  it('ignores an update older than the stored one and counts it as stale', () => {
    const p = position(12);
    mirror.applyBatch(SERVER, [positionAdd(1, 1, p), positionUpdate(2, 4, { ...p, profit: 400 })], cursorAt(2));
    const result = mirror.applyBatch(SERVER, [positionUpdate(3, 3, { ...p, profit: 300 })], cursorAt(3));
    expect(result).toMatchObject({ applied: [], stale: 1, duplicates: 0 });
    expect(mirror.openPositions()[0]?.profit).toBe(400);
  });

  it('lets a delete win a tie with an update of the same version, in either order', () => {
    const p = position(13);
    mirror.applyBatch(SERVER, [positionUpdate(1, 5, p), positionDelete(2, 5, p)], cursorAt(2));
    expect(mirror.openPositions()).toEqual([]);
    const q = position(14);
    const result = mirror.applyBatch(SERVER, [positionDelete(3, 5, q), positionUpdate(4, 5, q)], cursorAt(4));
    expect(result.duplicates).toBe(1);
    expect(mirror.openPositions()).toEqual([]);
  });

  it('tombstones orders and accounts the same way', () => {
    const o = order(21);
    mirror.applyBatch(SERVER, [orderAdd(1, 1, o), orderDelete(2, 3, o), orderAdd(3, 2, o)], cursorAt(3));
    expect(mirror.openOrders()).toEqual([]);
    const a = account(1005);
    const result = mirror.applyBatch(
      SERVER,
      [
        accountUpdate(4, 1, a),
        { type: 'account.delete', server: SERVER, seq: 5, version: 6, login: 1005 },
        accountUpdate(6, 5, a),
      ],
      cursorAt(6),
    );
    expect(result.stale).toBe(1);
    expect(mirror.account(SERVER, 1005)).toBeUndefined();
  });

  it('inserts a deal once by (server, ticket), even if redelivered with other fields', () => {
    mirror.applyBatch(SERVER, [dealAdd(1, deal(5, { profit: 100 }))], cursorAt(1));
    const again = mirror.applyBatch(SERVER, [dealAdd(2, deal(5, { profit: 999 }))], cursorAt(2));
    expect(again.duplicates).toBe(1);
    expect(mirror.deals({ fromMsc: 0, toMsc: Number.MAX_SAFE_INTEGER, limit: 10 }).map((d) => d.profit)).toEqual([100]);
  });

  it('keeps the latest tick per symbol by (timeMsc, seq), within and across batches', () => {
    const first = mirror.applyBatch(
      SERVER,
      [
        tick(1, 'EURUSD', 100, 1.1),
        tick(2, 'EURUSD', 105, 1.2),
        tick(3, 'EURUSD', 103, 1.3),
        tick(4, 'XAUUSD', 50, 2000),
      ],
      cursorAt(4),
    );
    expect(first.applied.map((e) => e.seq)).toEqual([1, 2, 4]);
    expect(first.stale).toBe(1);

    const second = mirror.applyBatch(
      SERVER,
      [tick(2, 'EURUSD', 105, 1.2), tick(5, 'EURUSD', 105, 1.25), tick(6, 'XAUUSD', 49, 1999)],
      cursorAt(6),
    );
    expect(second).toMatchObject({ duplicates: 1, stale: 1 });
    expect(second.applied.map((e) => e.seq)).toEqual([5]);
    expect(mirror.latestTicks(SERVER)).toEqual([
      { symbol: 'EURUSD', timeMsc: 105, bid: 1.25, ask: 1.25 + 0.0002 },
      { symbol: 'XAUUSD', timeMsc: 50, bid: 2000, ask: 2000 + 0.0002 },
    ]);
  });

  it('returns source.status as applied without storing it', () => {
    const status = { type: 'source.status', server: SERVER, seq: 1, state: 'lagging', lagMs: 900, message: 'slow' };
    expect(mirror.applyBatch(SERVER, [status], cursorAt(1)).applied).toEqual([status]);
    expect(mirror.cursor(SERVER).seq).toBe(1);
  });

  describe('dead letters', () => {
    const valid = positionAdd(1, 1, position(1));
    const circular: Record<string, unknown> = { type: 'tick' };
    circular.self = circular;
    const malformed: { raw: unknown; reason: RegExp; payload: RegExp }[] = [
      {
        raw: { ...valid, position: { ...position(2), symbol: undefined } },
        reason: /position\.symbol/,
        payload: /"ticket":2/,
      },
      { raw: { ...valid, version: '3' }, reason: /version/, payload: /"version":"3"/ },
      {
        raw: { ...valid, position: position(3, { priceOpen: Number.NaN }) },
        reason: /position\.priceOpen/,
        payload: /"priceOpen":"NaN"/,
      },
      { raw: { ...valid, position: position(4, { volume: -1 }) }, reason: /position\.volume/, payload: /"volume":-1/ },
      { raw: { ...tick(2, 'EURUSD', 1), server: 'mt5-demo' }, reason: /mt5-demo/, payload: /"server":"mt5-demo"/ },
      { raw: 'tick EURUSD 1.1', reason: /./, payload: /^"tick EURUSD 1\.1"$/ },
      { raw: null, reason: /./, payload: /^null$/ },
      { raw: 42, reason: /./, payload: /^42$/ },
      {
        raw: { type: 'position.explode', server: SERVER, seq: 3 },
        reason: /type|discriminator|union|Invalid/i,
        payload: /explode/,
      },
      { raw: { ...valid, seq: 10n }, reason: /seq/, payload: /"seq":"10n"/ },
      { raw: circular, reason: /./, payload: /\[repeated\]/ },
      {
        raw: {
          get type(): string {
            throw new Error('getter exploded');
          },
        },
        reason: /unreadable event: getter exploded/,
        payload: /object/,
      },
    ];

    it('records each malformed event with server, reason, payload and time, and applies the rest', () => {
      const p = position(100);
      const batch = [positionAdd(1, 1, p), ...malformed.map((m) => m.raw), tick(2, 'EURUSD', 10)];
      const result = mirror.applyBatch(SERVER, batch, cursorAt(2));
      expect(result.deadLettered).toBe(malformed.length);
      expect(result.applied.map((e) => e.type)).toEqual(['position.add', 'tick']);
      expect(mirror.openPositions().map((row) => row.ticket)).toEqual([100]);
      expect(mirror.cursor(SERVER)).toEqual(cursorAt(2));

      expect(mirror.deadLetterCount()).toBe(malformed.length);
      const letters = mirror.deadLetters(100).reverse();
      letters.forEach((letter, index) => {
        const expected = malformed[index]!;
        expect(letter.server).toBe(SERVER);
        expect(letter.receivedMsc).toBe(NOW);
        expect(letter.reason).toMatch(expected.reason);
        expect(letter.payload).toMatch(expected.payload);
      });
      expect(mirror.deadLetters(2).map((l) => l.id)).toEqual([letters.at(-1)!.id, letters.at(-2)!.id]);
    });

    it('still advances the cursor when the whole batch is malformed', () => {
      const result = mirror.applyBatch(SERVER, [undefined, [], { nope: true }], cursorAt(9));
      expect(result).toEqual({ applied: [], duplicates: 0, stale: 0, deadLettered: 3 });
      expect(mirror.cursor(SERVER)).toEqual(cursorAt(9));
      expect(mirror.deadLetters(1)[0]?.payload).toBe('{"nope":true}');
    });
  });

  describe('cursor', () => {
    it('is EMPTY_CURSOR before the first batch and is written with the batch', () => {
      expect(mirror.cursor(SERVER)).toEqual(EMPTY_CURSOR);
      mirror.applyBatch(SERVER, [tick(1, 'EURUSD', 1)], cursorAt(1));
      expect(mirror.cursor(SERVER)).toEqual(cursorAt(1));
      expect(mirror.cursor('another-server')).toEqual(EMPTY_CURSOR);
    });

    it('never moves backwards', () => {
      mirror.applyBatch(SERVER, [], cursorAt(50));
      mirror.applyBatch(SERVER, [], cursorAt(40));
      expect(mirror.cursor(SERVER)).toEqual(cursorAt(50));
      // Same stream position, newer resume hints: taken, but the deal resume point keeps its max.
      const restated: SourceCursor = { seq: 50, dealTimeMsc: 1, dealTicket: 1, tickTransId: 'restated' };
      mirror.applyBatch(SERVER, [], restated);
      expect(mirror.cursor(SERVER)).toEqual({ ...cursorAt(50), tickTransId: 'restated' });
    });

    it('refuses an invalid cursor and applies nothing', () => {
      const bad = { seq: -1, dealTimeMsc: 0, dealTicket: 0, tickTransId: '' };
      const error = (() => {
        try {
          mirror.applyBatch(SERVER, [tick(1, 'EURUSD', 1)], bad);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(CacheError);
      expect((error as CacheError).code).toBe('bad_cursor');
      expect(mirror.latestTicks(SERVER)).toEqual([]);
    });
  });
});

describe('the mirror on a real file', () => {
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => {
    folder = tempFolder();
  });
  afterEach(() => folder.remove());

  it('creates a missing folder, survives a reopen, and closes idempotently', () => {
    const file = join(folder.path, 'not', 'yet', 'mirror.sqlite');
    const mirror = openMirror(file);
    expect(existsSync(file)).toBe(true);
    mirror.applyBatch(SERVER, [positionAdd(1, 1, position(3))], cursorAt(1));
    mirror.close();
    mirror.close();
    expect(() => mirror.applyBatch(SERVER, [], cursorAt(2))).toThrow(/closed/);

    const reopened = openMirror(file);
    expect(reopened.openPositions().map((p) => p.ticket)).toEqual([3]);
    expect(reopened.cursor(SERVER)).toEqual(cursorAt(1));
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    reopened.close();
  });

  it('leaves neither rows nor cursor when a batch fails midway', () => {
    const file = join(folder.path, 'mirror.sqlite');
    const mirror = openMirror(file);
    mirror.applyBatch(SERVER, [tick(1, 'EURUSD', 1)], cursorAt(1));
    // Simulate the disk failing on the third event of the batch.
    const saboteur = new Database(file);
    saboteur.exec(`CREATE TRIGGER fail_on_deal_666 BEFORE INSERT ON deals WHEN NEW.ticket = 666
                   BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END`);
    saboteur.close();

    const batch = [positionAdd(2, 1, position(5)), dealAdd(3, deal(1)), dealAdd(4, deal(666)), tick(5, 'EURUSD', 9)];
    expect(() => mirror.applyBatch(SERVER, batch, cursorAt(5))).toThrow(/simulated disk failure/);
    expect(mirror.openPositions()).toEqual([]);
    expect(mirror.deals({ fromMsc: 0, toMsc: Number.MAX_SAFE_INTEGER, limit: 10 })).toEqual([]);
    expect(mirror.latestTicks(SERVER).map((t) => t.timeMsc)).toEqual([1]);
    expect(mirror.cursor(SERVER)).toEqual(cursorAt(1));

    // The source retries the batch from the cursor once the fault is gone.
    const fixer = new Database(file);
    fixer.exec('DROP TRIGGER fail_on_deal_666');
    fixer.close();
    expect(mirror.applyBatch(SERVER, batch, cursorAt(5)).applied).toHaveLength(4);
    expect(mirror.cursor(SERVER)).toEqual(cursorAt(5));
    mirror.close();
  });

  it('forgets the ticks of a batch that rolled back: the retry applies them', () => {
    const file = join(folder.path, 'mirror.sqlite');
    const mirror = openMirror(file);
    mirror.applyBatch(SERVER, [tick(1, 'EURUSD', 1)], cursorAt(1));
    const saboteur = new Database(file);
    saboteur.exec(`CREATE TRIGGER fail_on_deal_666 BEFORE INSERT ON deals WHEN NEW.ticket = 666
                   BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END`);
    saboteur.close();

    // The tick is judged (and remembered in the batch) before the failure rolls everything back.
    const batch = [tick(2, 'EURUSD', 5), dealAdd(3, deal(666))];
    expect(() => mirror.applyBatch(SERVER, batch, cursorAt(3))).toThrow(/simulated disk failure/);
    expect(mirror.latestTicks(SERVER).map((t) => t.timeMsc)).toEqual([1]);

    const fixer = new Database(file);
    fixer.exec('DROP TRIGGER fail_on_deal_666');
    fixer.close();
    expect(mirror.applyBatch(SERVER, batch, cursorAt(3)).applied.map((e) => e.type)).toEqual(['tick', 'deal.add']);
    expect(mirror.latestTicks(SERVER).map((t) => t.timeMsc)).toEqual([5]);
    // Across batches the remembered stamp still tells a redelivery from a newer tick.
    expect(mirror.applyBatch(SERVER, [tick(2, 'EURUSD', 5)], cursorAt(3))).toMatchObject({
      applied: [],
      duplicates: 1,
    });
    expect(mirror.applyBatch(SERVER, [tick(1, 'EURUSD', 4)], cursorAt(3))).toMatchObject({ applied: [], stale: 1 });
    mirror.close();
  });
});
