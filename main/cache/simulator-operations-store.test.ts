import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DealAction } from '../../shared/mt5';
import type { RecordedOperation } from '../sources/simulator/recorded-operations';
import { Simulator } from '../sources/simulator/simulator';
import { openSimulatorOperationsStore, type SimulatorOperationsStore } from './simulator-operations-store';
import { tempFolder } from './test-events';

const T = 1_736_150_400_000;
const deposit: RecordedOperation = {
  atSeq: 4_012,
  nowMsc: T + 3_000,
  operation: { kind: 'balance', login: 1001, action: 2, amount: 50_000_00, comment: 'deposit', checkMargin: true },
};
const leverage: RecordedOperation = {
  atSeq: 4_012,
  nowMsc: T + 3_000,
  operation: { kind: 'updateUser', login: 1001, change: { leverage: 33, group: 'real\\a-book\\standard-usd' } },
};
const shock: RecordedOperation = {
  atSeq: 5_100,
  nowMsc: T + 4_250,
  operation: { kind: 'shock', symbol: 'EURUSD', percent: -7.5 },
};

describe('simulator operations store', () => {
  let folder: ReturnType<typeof tempFolder>;
  let file: string;
  let store: SimulatorOperationsStore;
  beforeEach(() => {
    folder = tempFolder();
    file = join(folder.path, 'desk.db');
    store = openSimulatorOperationsStore(file);
  });
  afterEach(() => {
    store.close();
    folder.remove();
  });

  it('gives back each server its own operations, in the order appended, across a reopen', () => {
    store.append('sim-1', deposit);
    store.append('sim-2', shock);
    store.append('sim-1', leverage);
    store.append('sim-1', shock);
    store.close();
    store = openSimulatorOperationsStore(file);
    expect(store.load('sim-1')).toEqual([deposit, leverage, shock]);
    expect(store.load('sim-2')).toEqual([shock]);
    expect(store.load('sim-3')).toEqual([]);
  });

  it('keeps what a simulator records, so a new one replays it into the same stream', () => {
    const config = { seed: 3, clients: 60, initialPositions: 100 };
    const sim = new Simulator(config, { record: (r) => store.append('sim-3', r) });
    const events = sim.next(2_000);
    const login = [...sim.truth().accounts.keys()][3] as number;
    sim.balance(login, DealAction.BALANCE, 7_500_00, 'deposit');
    sim.updateUser(login, { leverage: 50 });
    events.push(...sim.next(2_000));
    sim.shock('XAUUSD', 4.25);
    events.push(...sim.next(2_000));
    store.close();
    store = openSimulatorOperationsStore(file);
    const recorded = store.load('sim-3');
    expect(recorded.map((r) => r.operation.kind)).toEqual(['balance', 'updateUser', 'shock']);
    expect(new Simulator(config, { replay: recorded }).next(events.length)).toEqual(events);
  });

  it('refuses a corrupt row, naming it, rather than skipping it', () => {
    store.append('sim-1', deposit);
    store.append('sim-1', shock);
    const db = new Database(file);
    db.prepare("UPDATE simulator_operations SET operation = json_set(operation, '$.amount', '500') WHERE id = 1").run();
    db.close();
    expect(() => store.load('sim-1')).toThrow(/operation 1 of sim-1 .*corrupt: .*operation\.amount/);
    expect(store.load('sim-2')).toEqual([]);
  });

  it('refuses a row whose JSON does not parse, or an operation of an unknown kind', () => {
    store.append('sim-1', shock);
    const db = new Database(file);
    // The CHECK keeps SQLite from storing broken JSON; a damaged file can still hold some.
    db.pragma('ignore_check_constraints = ON');
    db.prepare('UPDATE simulator_operations SET operation = \'{"kind":\' WHERE id = 1').run();
    expect(() => store.load('sim-1')).toThrow(/operation 1 of sim-1 .*JSON does not parse/);
    db.prepare(`UPDATE simulator_operations SET operation = '{"kind":"refund","login":1}' WHERE id = 1`).run();
    db.close();
    expect(() => store.load('sim-1')).toThrow(/operation 1 of sim-1 .*corrupt/);
  });

  it('does not store a record it could not load back', () => {
    expect(() => store.append('sim-1', { ...deposit, nowMsc: T + 0.5 })).toThrow();
    expect(store.load('sim-1')).toEqual([]);
  });
});
