/**
 * The cache's central promise: whatever a source does to a stream (redeliver, reorder, batch it
 * differently), the mirror ends in the state of applying each event once, in order.
 */
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../shared/events';
import { IN_MEMORY, openConnection } from './connection';
import { createMirror } from './mirror';
import { account, cursorAt, deal, groupSpec, order, position, SERVER, symbolSpec } from './test-events';

const TABLES = ['positions', 'orders', 'accounts', 'deals', 'ticks', 'symbols', 'groups', 'cursors'] as const;

type Step =
  | { kind: 'position'; op: 'add' | 'update' | 'delete'; ticket: number; profit: number }
  | { kind: 'order'; op: 'add' | 'update' | 'delete'; ticket: number; volume: number }
  | { kind: 'account'; op: 'add' | 'update' | 'delete'; login: number; balance: number }
  | { kind: 'deal'; ticket: number }
  | { kind: 'tick'; symbol: string; timeMsc: number; bid: number }
  | { kind: 'symbol'; digits: number }
  | { kind: 'group'; coverage: boolean }
  | { kind: 'status' };

const crud = fc.constantFrom('add' as const, 'update' as const, 'delete' as const);
// A small key space, so the same keys collide often.
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('position' as const),
    op: crud,
    ticket: fc.integer({ min: 1, max: 3 }),
    profit: fc.integer({ min: -9999, max: 9999 }),
  }),
  fc.record({
    kind: fc.constant('order' as const),
    op: crud,
    ticket: fc.integer({ min: 1, max: 2 }),
    volume: fc.integer({ min: 1, max: 10 }),
  }),
  fc.record({
    kind: fc.constant('account' as const),
    op: crud,
    login: fc.integer({ min: 1001, max: 1002 }),
    balance: fc.integer({ min: 0, max: 1e6 }),
  }),
  fc.record({ kind: fc.constant('deal' as const), ticket: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant('tick' as const),
    symbol: fc.constantFrom('EURUSD', 'XAUUSD'),
    // Few distinct times, so ticks in the same millisecond are decided by seq.
    timeMsc: fc.integer({ min: 0, max: 4 }),
    bid: fc.integer({ min: 1, max: 1000 }),
  }),
  fc.record({ kind: fc.constant('symbol' as const), digits: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('group' as const), coverage: fc.boolean() }),
  fc.record({ kind: fc.constant('status' as const) }),
);

/** Event n (1-based) gets seq n and version n: versions increase per key, as a source guarantees. */
function toEvent(s: Step, n: number): SyncEvent {
  const head = { server: SERVER, seq: n, version: n };
  switch (s.kind) {
    case 'position': {
      const p = position(s.ticket, { login: 1000 + s.ticket, profit: s.profit, timeUpdateMsc: n });
      return s.op === 'delete'
        ? { type: 'position.delete', ...head, ticket: p.ticket, login: p.login }
        : { type: `position.${s.op}`, ...head, position: p };
    }
    case 'order': {
      const o = order(s.ticket, { login: 1000 + s.ticket, volumeCurrent: s.volume });
      return s.op === 'delete'
        ? { type: 'order.delete', ...head, ticket: o.ticket, login: o.login }
        : { type: `order.${s.op}`, ...head, order: o };
    }
    case 'account':
      return s.op === 'delete'
        ? { type: 'account.delete', ...head, login: s.login }
        : { type: `account.${s.op}`, ...head, account: account(s.login, { balance: s.balance }) };
    case 'deal':
      // Deals are final: the same ticket always carries the same content.
      return {
        type: 'deal.add',
        server: SERVER,
        seq: n,
        deal: deal(s.ticket, { positionId: s.ticket % 3, commission: -10 * s.ticket }),
      };
    case 'tick':
      return {
        type: 'tick',
        server: SERVER,
        seq: n,
        tick: { symbol: s.symbol, timeMsc: s.timeMsc, bid: s.bid, ask: s.bid + 1 },
      };
    case 'symbol':
      return { type: 'symbol.update', ...head, symbol: symbolSpec('EURUSD', { digits: s.digits }) };
    case 'group':
      return { type: 'group.update', ...head, group: groupSpec('real\\standard', { coverage: s.coverage }) };
    case 'status':
      return { type: 'source.status', server: SERVER, seq: n, state: 'live', lagMs: n, message: '' };
  }
}

/** A stream, and the same stream as a source might deliver it: duplicated, reordered, re-batched. */
const scenario = fc
  .array(step, { minLength: 1, maxLength: 40 })
  .map((steps) => steps.map((s, i) => toEvent(s, i + 1)))
  .chain((events) =>
    fc
      .array(fc.nat({ max: events.length - 1 }), { maxLength: events.length })
      .map((again) => [...events, ...again.map((i) => events[i]!)])
      .chain((delivered) =>
        fc.tuple(
          fc.shuffledSubarray(delivered, { minLength: delivered.length, maxLength: delivered.length }),
          fc.array(fc.boolean(), { minLength: delivered.length, maxLength: delivered.length }),
        ),
      )
      .map(([shuffled, cutAfter]) => ({ events, batches: split(shuffled, cutAfter) })),
  );

function split(events: SyncEvent[], cutAfter: boolean[]): SyncEvent[][] {
  const batches: SyncEvent[][] = [[]];
  events.forEach((event, i) => {
    batches.at(-1)!.push(event);
    if (cutAfter[i] && i < events.length - 1) batches.push([]);
  });
  return batches;
}

/** Every row of every mirrored table, tombstones included, in key order. */
function tableContents(db: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()]));
}

describe('applyBatch is idempotent and order-independent', () => {
  it('ends in the state of applying each event once, in order, whatever the delivery', () => {
    fc.assert(
      fc.property(scenario, ({ events, batches }) => {
        const inOrderDb = openConnection(IN_MEMORY, 'mirror');
        const inOrder = createMirror(inOrderDb);
        const once = inOrder.applyBatch(SERVER, events, cursorAt(events.length));

        const deliveredDb = openConnection(IN_MEMORY, 'mirror');
        const delivered = createMirror(deliveredDb);
        let accounted = 0;
        for (const batch of batches) {
          const result = delivered.applyBatch(SERVER, batch, cursorAt(Math.max(...batch.map((e) => e.seq))));
          expect(result.deadLettered).toBe(0);
          accounted += result.applied.length + result.duplicates + result.stale;
        }

        try {
          expect(once.deadLettered).toBe(0);
          expect(accounted).toBe(batches.flat().length);
          expect(tableContents(deliveredDb)).toEqual(tableContents(inOrderDb));
        } finally {
          inOrder.close();
          delivered.close();
        }
      }),
      { numRuns: 200 },
    );
  });
});
