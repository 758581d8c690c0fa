import { afterEach, describe, expect, it } from 'vitest';
import type { Login } from '../../../shared/domain';
import { EMPTY_CURSOR, type SourceCursor, type SyncEvent } from '../../../shared/events';
import { DealAction, Retcode } from '../../../shared/mt5';
import type { RecordedOperation } from './recorded-operations';
import { Simulator } from './simulator';
import { SimulatorSource, type SimulatorSourceOptions, SimulatorSpeed } from './source';

const CONFIG = { seed: 5, clients: 100, initialPositions: 200 };

/** A source on a hand-moved clock; the timer is parked so only `pump()` drives it. */
function manualSource(speed: number, options: SimulatorSourceOptions = {}) {
  let clock = 0;
  const source = new SimulatorSource(CONFIG, { ...options, speed, intervalMs: 2 ** 30, realClock: () => clock });
  const batches: { events: SyncEvent[]; cursor: SourceCursor }[] = [];
  const statuses: SyncEvent[] = [];
  // Status reports travel alone; the stream's own batches are what most tests look at.
  const started = (cursor: SourceCursor = EMPTY_CURSOR) =>
    source.start(cursor, (events, c) => {
      const stream = events as SyncEvent[];
      if (stream.every((e) => e.type === 'source.status')) statuses.push(...stream);
      else batches.push({ events: stream, cursor: c });
    });
  return {
    source,
    batches,
    statuses,
    started,
    wait: (ms: number) => {
      clock += ms;
      source.pump();
    },
    all: () => batches.flatMap((b) => b.events),
  };
}

const running: SimulatorSource[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

describe('SimulatorSource', () => {
  it('reports itself live on start, and paused when paused', () => {
    const m = manualSource(SimulatorSpeed.REAL_TIME);
    running.push(m.source);
    m.started();
    m.source.setSpeed(SimulatorSpeed.PAUSED);
    expect(m.statuses.map((e) => e.type === 'source.status' && [e.state, e.message])).toEqual([
      ['live', 'embedded simulator ×1'],
      ['live', 'paused'],
    ]);
  });

  it('in real time delivers what is due by the virtual clock, with the cursor after each batch', () => {
    const m = manualSource(SimulatorSpeed.REAL_TIME);
    running.push(m.source);
    m.started();
    m.wait(1_000);
    const first = m.all();
    expect(first[0]?.seq).toBe(1);
    const start = m.source.simulator.config.startTimeMsc;
    expect(m.source.simulator.nowMsc).toBe(start + 1_000);
    const last = m.batches.at(-1);
    expect(last?.cursor.seq).toBe(first.at(-1)?.seq);
    expect(last?.cursor.tickTransId).toBe('');
    const lastDeal = first.filter((e) => e.type === 'deal.add').at(-1);
    expect(lastDeal?.type === 'deal.add' && last?.cursor.dealTicket).toBe(
      lastDeal?.type === 'deal.add' && lastDeal.deal.ticket,
    );
    const before = m.all().length;
    m.wait(1_000);
    const perSecond = m.all().length - before;
    expect(perSecond).toBeGreaterThan(100);
    expect(perSecond).toBeLessThan(1_500);
  });

  it('runs ×N faster when accelerated and stops producing when paused', () => {
    const m = manualSource(10);
    running.push(m.source);
    m.started();
    m.wait(100);
    expect(m.source.simulator.nowMsc).toBe(m.source.simulator.config.startTimeMsc + 1_000);
    expect(m.source.setSpeed(SimulatorSpeed.PAUSED)).toBe(0);
    const count = m.all().length;
    m.wait(5_000);
    expect(m.all().length).toBe(count);
    m.source.setSpeed(1);
    m.wait(10);
    expect(m.source.simulator.nowMsc).toBe(m.source.simulator.config.startTimeMsc + 1_010);
  });

  it('flat-out generates until its time slice is used, in bounded batches', () => {
    let clock = 0;
    const source = new SimulatorSource(CONFIG, {
      speed: SimulatorSpeed.FLAT_OUT,
      intervalMs: 2 ** 30,
      maxBatch: 1_000,
      realClock: () => (clock += 1), // each read costs 1 ms: a 10 ms slice holds a few batches
    });
    running.push(source);
    const sizes: number[] = [];
    source.start(EMPTY_CURSOR, (events) => {
      if ((events[0] as SyncEvent).type !== 'source.status') sizes.push(events.length);
    });
    source.pump();
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.every((n) => n === 1_000)).toBe(true);
  });

  it('resumes from a stored cursor with the next seq of the same stream', () => {
    const reference = new Simulator(CONFIG).next(12_000);
    const m = manualSource(SimulatorSpeed.REAL_TIME);
    running.push(m.source);
    m.started({ seq: 9_000, dealTimeMsc: 0, dealTicket: 0, tickTransId: '' });
    m.wait(60_000);
    const resumed = m.all();
    expect(resumed[0]?.seq).toBe(9_001);
    const overlap = resumed.filter((e) => e.seq <= 12_000);
    expect(JSON.stringify(overlap)).toBe(JSON.stringify(reference.slice(9_000, 9_000 + overlap.length)));
  });

  it('restarted from an older cursor, replays from there rather than continuing its own run', async () => {
    const m = manualSource(SimulatorSpeed.REAL_TIME);
    m.started();
    m.wait(2_000);
    await m.source.stop();
    const firstRun = m.all();
    m.batches.length = 0;
    m.started({ ...EMPTY_CURSOR, seq: 100 });
    running.push(m.source);
    m.wait(10);
    expect(m.all()[0]?.seq).toBe(101);
    expect(JSON.stringify(m.all()[0])).toBe(JSON.stringify(firstRun[100]));
  });
});

describe('SimulatorSource market shock', () => {
  it('moves the price by the percent asked and hands the tick over at once', () => {
    const m = manualSource(SimulatorSpeed.REAL_TIME);
    running.push(m.source);
    m.started();
    m.wait(1_000);
    const before = m
      .all()
      .filter((e) => e.type === 'tick' && e.tick.symbol === 'EURUSD')
      .at(-1);
    const tick = m.source.shock('EURUSD', -20);
    const last = m.all().at(-1);
    expect(last?.type === 'tick' && last.tick).toEqual(tick);
    const beforeBid = before?.type === 'tick' ? before.tick.bid : Number.NaN;
    // One walk step on top of the jump: within a few tenths of a percent of −20 %.
    expect((tick?.bid ?? 0) / beforeBid - 1).toBeCloseTo(-0.2, 2);
    expect(m.source.shock('NOPE', -20)).toBeUndefined();
  });
});

describe('SimulatorSource restarted after operations from outside the seeded stream', () => {
  /** A first run with a deposit, a leverage change and a shock, each recorded as a store would. */
  async function firstRun() {
    const records: RecordedOperation[] = [];
    const m = manualSource(SimulatorSpeed.REAL_TIME, { onOperation: (r) => records.push(r) });
    m.started();
    m.wait(3_000);
    const sim = m.source.simulator;
    const login = [...sim.truth().accounts.keys()][5] as Login;
    expect(sim.balance(login, DealAction.BALANCE, 50_000_00, 'deposit').retcode).toBe(Retcode.REQUEST_DONE);
    m.wait(1_000);
    expect(sim.updateUser(login, { leverage: 33 }).retcode).toBe(Retcode.REQUEST_DONE);
    expect(m.source.shock('GBPUSD', 6)).toBeDefined();
    m.wait(2_000);
    await m.source.stop();
    return { m, records, login, events: m.all() };
  }

  it('a desk resuming before, at or after an operation sees the stream of the first run', async () => {
    const { records, events, login } = await firstRun();
    expect(records).toHaveLength(3);
    const { atSeq } = records[0] as RecordedOperation;
    for (const seq of [atSeq - 50, atSeq, atSeq + 1, (records[2] as RecordedOperation).atSeq + 10]) {
      const again = manualSource(SimulatorSpeed.REAL_TIME, {
        recordedOperations: records,
        onOperation: () => expect.unreachable('a replayed operation was recorded again'),
      });
      running.push(again.source);
      again.started({ ...EMPTY_CURSOR, seq });
      again.wait(7_000);
      const resumed = again.all().filter((e) => e.seq <= events.length);
      expect(resumed, `resumed at seq ${seq}`).toEqual(events.slice(seq));
      if (seq === atSeq + 1) {
        // The point of it all: resumed between the deposit's deal and its account update, the
        // update still carries the deposit.
        const before = events.findLast((e) => e.seq <= atSeq && 'account' in e && e.account.login === login);
        const balanceBefore = before !== undefined && 'account' in before ? before.account.balance : Number.NaN;
        expect(resumed[0]).toMatchObject({
          type: 'account.update',
          account: { login, balance: balanceBefore + 50_000_00 },
        });
      }
    }
  });

  it('stops and reports itself down when its records do not fit the stream', async () => {
    const { records } = await firstRun();
    const [deposit] = records as [RecordedOperation];
    const again = manualSource(SimulatorSpeed.REAL_TIME, {
      recordedOperations: [{ ...deposit, atSeq: deposit.atSeq - 1 }],
    });
    running.push(again.source);
    again.started({ ...EMPTY_CURSOR, seq: deposit.atSeq - 100 });
    again.wait(7_000);
    const down = again.statuses.at(-1);
    expect(down).toMatchObject({ type: 'source.status', state: 'down' });
    expect(down?.type === 'source.status' && down.message).toMatch(/Cannot replay the balance operation/);
    expect(again.all().every((e) => e.seq < deposit.atSeq)).toBe(true);
    again.source.setSpeed(2);
    expect(again.statuses.at(-1)).toMatchObject({ state: 'down' });
    // A desk whose cursor is already past the misfit learns it on start, and still starts.
    await again.source.stop();
    again.started({ ...EMPTY_CURSOR, seq: deposit.atSeq + 100 });
    expect(again.statuses.at(-1)).toMatchObject({ state: 'down' });
  });

  it('restarted in the same process from an older cursor, replays what it recorded in this run', async () => {
    const { m, records, events } = await firstRun();
    m.batches.length = 0;
    m.started({ ...EMPTY_CURSOR, seq: (records[0] as RecordedOperation).atSeq - 10 });
    running.push(m.source);
    m.wait(7_000);
    const resumed = m.all().filter((e) => e.seq <= events.length);
    expect(resumed).toEqual(events.slice((records[0] as RecordedOperation).atSeq - 10));
    expect(records).toHaveLength(3);
  });
});
