import { describe, expect, it } from 'vitest';
import type { Login } from '../../../shared/domain';
import type { SyncEvent } from '../../../shared/events';
import { DealAction, Retcode } from '../../../shared/mt5';
import { type RecordedOperation, ReplayMismatchError } from './recorded-operations';
import { Simulator } from './simulator';

const CONFIG = { seed: 23, clients: 120, initialPositions: 300 };
const DONE = Retcode.REQUEST_DONE;
const MORE = 5_000;

/** B-book USD logins holding the most open positions: where an operation changes what follows. */
function busiestLogins(sim: Simulator, count: number): Login[] {
  const held = new Map<Login, number>();
  for (const p of sim.truth().positions.values()) held.set(p.login, (held.get(p.login) ?? 0) + 1);
  return [...sim.truth().accounts.values()]
    .filter((a) => a.group === 'real\\standard-usd')
    .sort((a, b) => (held.get(b.login) ?? 0) - (held.get(a.login) ?? 0))
    .slice(0, count)
    .map((a) => a.login);
}

/**
 * A session with every kind of outside operation, read flat-out and by virtual time: one right
 * after a `next`, one after an `advanceTo`, two at the same moment, and two the server refuses.
 */
function recordedSession() {
  const records: RecordedOperation[] = [];
  const sim = new Simulator(CONFIG, { record: (r) => records.push(r) });
  const events: SyncEvent[] = [];
  const read = (n: number) => events.push(...sim.next(n));
  const readFor = (ms: number) => events.push(...sim.advanceTo(sim.nowMsc + ms));
  read(4_000);
  const [trader, other] = busiestLogins(sim, 2) as [Login, Login];
  expect(sim.balance(trader, DealAction.BALANCE, 25_000_00, 'deposit').retcode).toBe(DONE);
  readFor(1_500);
  expect(sim.balance(trader, DealAction.BALANCE, -2_000_00, 'withdrawal').retcode).toBe(DONE);
  expect(sim.updateUser(other, { leverage: 20 }).retcode).toBe(DONE);
  read(2_345);
  expect(sim.updateUser(trader, { group: 'real\\a-book\\standard-usd' }).retcode).toBe(DONE);
  readFor(777);
  expect(sim.shock('EURUSD', -8)).toBeDefined();
  read(3_000);
  expect(sim.balance(trader, DealAction.BALANCE, 0, 'nothing').retcode).toBe(Retcode.ERR_PARAMS);
  expect(sim.shock('NOPE', 5)).toBeUndefined();
  readFor(2_000);
  events.push(...sim.flush());
  return { sim, events, records, trader };
}

describe('operations from outside the seeded stream', () => {
  it('are recorded when applied, with the seq and virtual time their events follow', () => {
    const { events, records, trader } = recordedSession();
    expect(records.map((r) => r.operation.kind)).toEqual(['balance', 'balance', 'updateUser', 'updateUser', 'shock']);
    const [deposit] = records as [RecordedOperation];
    expect(deposit.operation).toEqual({
      kind: 'balance',
      login: trader,
      action: DealAction.BALANCE,
      amount: 25_000_00,
      comment: 'deposit',
      checkMargin: true,
    });
    const first = events[deposit.atSeq]; // seq atSeq + 1
    expect(first?.type === 'deal.add' && [first.deal.comment, first.deal.timeMsc]).toEqual(['deposit', deposit.nowMsc]);
    const shock = records[4];
    expect(events[shock?.atSeq ?? -1]).toMatchObject({ type: 'tick', tick: { symbol: 'EURUSD' } });
  });

  it('replayed by a fresh simulator, regenerate the same stream and truth, recording nothing again', () => {
    const { sim, events, records } = recordedSession();
    const again: RecordedOperation[] = [];
    const replica = new Simulator(CONFIG, { replay: records, record: (r) => again.push(r) });
    expect(replica.next(events.length)).toEqual(events);
    expect(replica.truth()).toEqual(sim.truth());
    expect(replica.next(MORE)).toEqual(sim.next(MORE));
    expect(again).toEqual([]);
  });

  it('fast-forwarded to the same seq, hold the same truth and continue identically', () => {
    const { sim, records } = recordedSession();
    const replica = new Simulator(CONFIG, { replay: records });
    replica.fastForward(sim.seq);
    expect(replica.seq).toBe(sim.seq);
    expect(replica.truth()).toEqual(sim.truth());
    expect(replica.next(MORE)).toEqual(sim.next(MORE));
    const later = sim.nowMsc + 3_000;
    expect(replica.advanceTo(later)).toEqual(sim.advanceTo(later));
    expect(replica.truth()).toEqual(sim.truth());
  });

  it('resumed from a cursor before, at or after an operation, continue exactly as the original', () => {
    const { events, records } = recordedSession();
    const { atSeq } = records[2] as RecordedOperation;
    for (const cut of [atSeq - 1, atSeq, atSeq + 1]) {
      const resumed = new Simulator(CONFIG, { replay: records });
      resumed.fastForward(cut);
      expect(resumed.next(events.length - cut), `resumed at ${cut}`).toEqual(events.slice(cut));
    }
  });

  it('land where they happened even between two steps of the same millisecond', () => {
    // Reading one event at a time often stops between steps due at the same ms.
    const records: RecordedOperation[] = [];
    const sim = new Simulator(CONFIG, { record: (r) => records.push(r) });
    const events = sim.next(3_000);
    const logins = busiestLogins(sim, 10);
    for (let i = 0; i < 300; i++) {
      expect(sim.balance(logins[i % logins.length] as Login, DealAction.BALANCE, 1_00, `tip ${i}`).retcode).toBe(DONE);
      events.push(...sim.next(1 + (i % 3)));
    }
    events.push(...sim.flush());
    expect(new Simulator(CONFIG, { replay: records }).next(events.length)).toEqual(events);
  });

  it('are recorded before the reply, even one the reply seam then loses', () => {
    const records: RecordedOperation[] = [];
    const sim = new Simulator(CONFIG, { record: (r) => records.push(r) });
    sim.next(3_000);
    const [login] = busiestLogins(sim, 1) as [Login];
    sim.setOperationTap(() => {
      throw new Error('reply lost');
    });
    expect(() => sim.balance(login, DealAction.BALANCE, 10_00, 'CRM-TX-7')).toThrow(/reply lost/);
    expect(records.map((r) => r.operation)).toMatchObject([{ kind: 'balance', comment: 'CRM-TX-7' }]);
    const events = sim.next(2_000);
    expect(new Simulator(CONFIG, { replay: records }).next(sim.seq).slice(3_000)).toEqual(events);
  });

  it('made on a restarted run that has not reached its recorded ones, land after them', () => {
    const { sim, events, records } = recordedSession();
    const later: RecordedOperation[] = [];
    const restarted = new Simulator(CONFIG, { replay: records, record: (r) => later.push(r) });
    restarted.fastForward(1_000);
    const [login] = busiestLogins(sim, 1) as [Login];
    expect(restarted.balance(login, DealAction.CREDIT, 500_00, 'late credit').retcode).toBe(DONE);
    const [credit] = later as [RecordedOperation];
    expect(credit.atSeq).toBeGreaterThanOrEqual((records.at(-1) as RecordedOperation).atSeq);
    const resumed = restarted.next(events.length + MORE - 1_000);
    expect(resumed.slice(0, credit.atSeq - 1_000)).toEqual(events.slice(1_000, credit.atSeq));
    const third = new Simulator(CONFIG, { replay: [...records, ...later] });
    expect(third.next(events.length + MORE).slice(1_000)).toEqual(resumed);
  });

  it('that do not fit the regenerated stream are refused with the reason', () => {
    const { records } = recordedSession();
    const [deposit] = records as [RecordedOperation];
    const shifted = [{ ...deposit, atSeq: deposit.atSeq + 1 }, ...records.slice(1)];
    expect(() => new Simulator(CONFIG, { replay: shifted }).fastForward(deposit.atSeq + 100)).toThrow(
      ReplayMismatchError,
    );
    const refused = [{ ...deposit, operation: { ...deposit.operation, login: 1 } }];
    expect(() => new Simulator(CONFIG, { replay: refused }).fastForward(deposit.atSeq + 100)).toThrow(
      /balance operation recorded at seq \d+ .*refused it this time/,
    );
  });
});
