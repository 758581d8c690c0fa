import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_CURSOR, type SourceCursor } from '../../../shared/events';
import { WebApiConnection } from './connection/connection';
import { FakeBroker } from './fake-broker';
import { WebApiSource } from './source';
import type { KnownEntities } from './sync/book';
import { MANAGER } from './test-kit';

interface Run {
  source: WebApiSource;
  broker: FakeBroker;
  events: Record<string, unknown>[];
  cursors: SourceCursor[];
  types: () => string[];
  states: () => unknown[];
}

const running: WebApiSource[] = [];
afterEach(async () => {
  for (const source of running.splice(0)) await source.stop();
});

function run(
  broker = new FakeBroker(),
  cursor = EMPTY_CURSOR,
  password = MANAGER.password,
  known?: () => KnownEntities,
  lagAfterMs?: number,
): Run {
  const connection = new WebApiConnection({
    url: 'https://mt5.test',
    login: MANAGER.login,
    password,
    transport: broker,
    maxRetries: 0,
    maxRequestsPerSecond: 1_000,
  });
  const source = new WebApiSource({
    server: 'live-1',
    connection,
    intervals: { ticks: 20, book: 20, deals: 20, users: 20, reference: 1_000 },
    reconnectBackoff: { baseMs: 10, maxMs: 20 },
    known,
    lagAfterMs,
  });
  running.push(source);
  const events: Record<string, unknown>[] = [];
  const cursors: SourceCursor[] = [];
  source.start(cursor, (batch, next) => {
    events.push(...(batch as Record<string, unknown>[]));
    cursors.push(next);
  });
  return {
    source,
    broker,
    events,
    cursors,
    types: () => events.filter((e) => e.type !== 'source.status').map((e) => String(e.type)),
    states: () => events.filter((e) => e.type === 'source.status').map((e) => e.state),
  };
}

async function until(what: string, probe: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('WebApiSource', () => {
  it('syncs in full, then goes live: connecting → syncing → live, seq strictly increasing in the cursor', async () => {
    const r = run();
    await until('live', () => r.states().includes('live'));
    expect(r.states().slice(0, 3)).toEqual(['connecting', 'syncing', 'live']);
    const count = (type: string) => r.types().filter((t) => t === type).length;
    expect(count('symbol.update')).toBe(1);
    expect(count('group.update')).toBe(2);
    expect(count('account.add')).toBe(2);
    expect(count('position.add')).toBe(2);
    expect(count('order.add')).toBe(1);
    expect(count('deal.add')).toBe(3);
    // Two ticks on the wire, one of them malformed ("Bid":"1.1x"): both go to the cache, which dead-letters the second.
    expect(count('tick')).toBe(2);
    const seqs = r.events.filter((e) => e.type !== 'source.status').map((e) => e.seq as number);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const last = r.cursors.at(-1);
    expect(last).toMatchObject({
      seq: seqs.length,
      dealTimeMsc: 1_700_000_002_750,
      dealTicket: 136622,
      tickTransId: '2',
    });
    const versions = r.events.filter((e) => 'version' in e).map((e) => [e.seq, e.version]);
    expect(versions.every(([seq, version]) => seq === version)).toBe(true);
  });

  it('turns the next polls into updates and deletes only, and sends a malformed record once', async () => {
    const r = run();
    await until('live', () => r.states().includes('live'));
    const before = r.events.length;
    const position = r.broker.positions[0] as Record<string, unknown>;
    r.broker.positions[0] = { ...position, Profit: '12.00', PriceCurrent: '1.10990' };
    r.broker.positions.splice(1, 1);
    r.broker.orders = [];
    r.broker.positions.push({ ...position, Position: '5700', Profit: '1.1x' });
    await until('the changes', () => r.types().includes('order.delete') && r.types().includes('position.update'));
    await new Promise((res) => setTimeout(res, 100));
    const after = r.events.slice(before).filter((e) => e.type !== 'source.status');
    expect(after.map((e) => e.type).sort()).toEqual([
      'order.delete',
      'position.delete',
      'position.update',
      'position.update',
    ]);
    // The malformed one went once (several polls saw it), with its raw value where the number belongs.
    const malformed = after.filter((e) => 'problems' in e);
    expect(malformed).toHaveLength(1);
    expect(malformed[0]).toMatchObject({
      position: { ticket: 5700, profit: '1.1x' },
      problems: ['Profit: expected a decimal number, got "1.1x"'],
    });
    expect(after.find((e) => e.type === 'position.update' && !('problems' in e))).toMatchObject({
      position: { ticket: 5512, profit: 1_200 },
    });
    expect(after.find((e) => e.type === 'position.delete')).toMatchObject({ ticket: 5600, login: 764637 });
  });

  it('resumes deals after the cursor: a window from a little before it, nothing at or before it re-sent', async () => {
    const cursor = { seq: 500, dealTimeMsc: 1_700_000_001_500, dealTicket: 136621, tickTransId: '2' };
    const r = run(new FakeBroker(), cursor);
    await until('live', () => r.states().includes('live'));
    const deals = r.events.filter((e) => e.type === 'deal.add');
    expect(deals.map((e) => (e.deal as { ticket: number }).ticket)).toEqual([136622]);
    expect(r.types()).not.toContain('tick');
    const window = r.broker.calls.find((c) => c.path === '/api/deal/get_batch')?.query;
    expect(Number(window?.from)).toBe(1_700_000_001 - 2);
    expect(Number(window?.to)).toBeGreaterThan(Date.now() / 1000);
    expect(r.events.find((e) => e.type !== 'source.status')?.seq).toBe(501);
  });

  it('after a desk restart, deletes what the cache holds but the server no longer has', async () => {
    const known = () => ({
      accounts: [764636, 764637, 700001],
      positions: [
        { ticket: 5512, login: 764636 },
        { ticket: 4000, login: 764636 },
      ],
      orders: [{ ticket: 6999, login: 764637 }],
    });
    const r = run(
      new FakeBroker(),
      { seq: 900, dealTimeMsc: 1_700_000_002_750, dealTicket: 136622, tickTransId: '2' },
      MANAGER.password,
      known,
    );
    await until('live', () => r.states().includes('live'));
    const deletes = r.events.filter((e) => String(e.type).endsWith('.delete'));
    expect(deletes.map((e) => [e.type, e.ticket ?? e.login])).toEqual([
      ['account.delete', 700001],
      ['position.delete', 4000],
      ['order.delete', 6999],
    ]);
    expect(r.types().filter((t) => t === 'position.update' || t === 'position.add')).toEqual([
      'position.update',
      'position.add',
    ]);
  });

  it('splits a truncated group=* query (retcode 14) per group instead of losing rows', async () => {
    const broker = new FakeBroker();
    broker.maskLimit = 1;
    const r = run(broker);
    await until('live', () => r.states().includes('live'));
    expect(r.types().filter((t) => t === 'position.add')).toHaveLength(2);
    expect(r.types().filter((t) => t === 'deal.add')).toHaveLength(3);
    const groups = broker.calls.filter((c) => c.path === '/api/position/get_batch').map((c) => c.query.group);
    expect(groups.slice(0, 3)).toEqual(['*', 'real\\std-usd', 'coverage\\lp2-usd']);
  });

  it('reads users one by one when the server has no user/get_batch', async () => {
    const broker = new FakeBroker();
    broker.missing.add('user/get_batch');
    const r = run(broker);
    await until('live', () => r.states().includes('live'));
    expect(r.types().filter((t) => t === 'account.add')).toHaveLength(2);
    expect(broker.commands()).toContain('user/logins');
    expect(broker.commands().filter((c) => c === 'user/get').length).toBeGreaterThanOrEqual(2);
  });

  it('fills the gap after a dropped connection: deals booked meanwhile arrive once', async () => {
    const r = run();
    await until('live', () => r.states().includes('live'));
    r.broker.drop();
    r.broker.deals.push({
      ...(r.broker.deals[2] as Record<string, unknown>),
      Deal: '136700',
      TimeMsc: '1700000003000',
      Time: '1700000003',
    });
    await until('the new deal', () =>
      r.events.some((e) => e.type === 'deal.add' && (e.deal as { ticket: number }).ticket === 136700),
    );
    await new Promise((res) => setTimeout(res, 100));
    expect(r.events.filter((e) => e.type === 'deal.add')).toHaveLength(4);
    expect(r.broker.commands().filter((c) => c === 'auth/start')).toHaveLength(2);
  });

  it('goes down when the server is unreachable, reconnects with backoff and gap-fills from the cursor', async () => {
    const r = run();
    await until('live', () => r.states().includes('live'));
    r.broker.outage = true;
    r.broker.drop();
    await until('down', () => r.states().includes('down'));
    r.broker.deals.push({
      ...(r.broker.deals[2] as Record<string, unknown>),
      Deal: '136701',
      TimeMsc: '1700000004000',
      Time: '1700000004',
    });
    r.broker.outage = false;
    await until('live again', () => r.states().filter((s) => s === 'live').length === 2);
    // Attempts during the outage may repeat down → connecting; then one full sync and live.
    expect(r.states().slice(0, 4)).toEqual(['connecting', 'syncing', 'live', 'down']);
    expect(r.states().slice(-3)).toEqual(['connecting', 'syncing', 'live']);
    expect(String(r.events.find((e) => e.state === 'down')?.message)).toContain('ECONNREFUSED');
    const deals = r.events.filter((e) => e.type === 'deal.add').map((e) => (e.deal as { ticket: number }).ticket);
    expect(deals).toEqual([136620, 136621, 136622, 136701]);
    // Nothing already sent came again: the open book was diffed against what the desk had.
    expect(r.types().filter((t) => t.endsWith('.add')).length).toBe(2 + 2 + 1 + 3 + 1);
  });

  it('reports lagging when the polls fall behind, and live again when they catch up', async () => {
    const broker = new FakeBroker();
    let slow = false;
    const positions = broker.handlers.get('position/get_batch');
    broker.on('position/get_batch', async (q) => {
      if (slow) await new Promise((res) => setTimeout(res, 150));
      return (await positions?.(q)) ?? '';
    });
    const r = run(broker, EMPTY_CURSOR, MANAGER.password, undefined, 60);
    await until('live', () => r.states().includes('live'));
    slow = true;
    await until('lagging', () => r.states().includes('lagging'));
    expect(r.events.find((e) => e.state === 'lagging')?.lagMs).toBeGreaterThan(60);
    slow = false;
    await until('live again', () => r.states().at(-1) === 'live');
  });

  it('goes down with the reason on a wrong password and does not hammer the server', async () => {
    const r = run(new FakeBroker(), EMPTY_CURSOR, 'wrong');
    await until('down', () => r.states().includes('down'));
    await new Promise((res) => setTimeout(res, 150));
    const down = r.events.find((e) => e.state === 'down');
    expect(down?.message).toMatch(/wrong login or API password/);
    expect(r.broker.commands().filter((c) => c === 'auth/start')).toHaveLength(1);
  });
});
