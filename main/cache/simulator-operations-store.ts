/**
 * The embedded simulator's memory in desk.db (migration 005_simulator_operations.sql): the
 * operations it applied from outside its seeded stream, per simulated server, in order. A restarted
 * simulator replays them, so it never forgets a deposit the desk already holds.
 *
 * `append` is its own transaction on a `synchronous=FULL` connection: the record is durable before
 * the operation's reply returns (the simulator calls it in between).
 */
import type { ServerId } from '../../shared/domain';
import { type RecordedOperation, recordedOperationSchema } from '../sources/simulator/recorded-operations';
import { closeConnection, openConnection } from './connection';
import { migrate } from './migrate';
import { recordMigrations } from './migrations';

export interface SimulatorOperationsStore {
  /** The server's recorded operations in the order they were applied; throws on a corrupt row. */
  load(server: ServerId): RecordedOperation[];
  append(server: ServerId, record: RecordedOperation): void;
  close(): void;
}

/** A stored operation that cannot be read back: the simulator cannot be the server it was. */
export class CorruptSimulatorOperationError extends Error {
  readonly code = 'corrupt_simulator_operation';
  constructor(id: number, server: ServerId, why: string) {
    super(
      `Recorded simulator operation ${id} of ${server} in desk.db (table simulator_operations) is corrupt: ${why}. ` +
        'The simulator cannot replay its history without it: restore desk.db from a backup, ' +
        'or start from a new data folder.',
    );
    this.name = 'CorruptSimulatorOperationError';
  }
}

interface OperationRow {
  id: number;
  atSeq: number;
  nowMsc: number;
  operation: string;
}

/** Opens desk.db on its own connection (migrating it if needed); `close` closes that connection. */
export function openSimulatorOperationsStore(path: string): SimulatorOperationsStore {
  const db = openConnection(path, 'record');
  try {
    migrate(db, 'record', recordMigrations);
  } catch (error) {
    db.close();
    throw error;
  }
  const sql = {
    load: db.prepare<[ServerId], OperationRow>(
      `SELECT id, at_seq AS atSeq, now_msc AS nowMsc, operation FROM simulator_operations
       WHERE server = ? ORDER BY id`,
    ),
    append: db.prepare<[ServerId, number, number, string]>(
      'INSERT INTO simulator_operations (server, at_seq, now_msc, operation) VALUES (?, ?, ?, ?)',
    ),
  };
  return {
    load: (server) => sql.load.all(server).map((row) => parseRow(server, row)),
    append(server, record) {
      // Checked on the way in too: a record that could not be loaded back must not be stored.
      const valid = recordedOperationSchema.parse(record);
      sql.append.run(server, valid.atSeq, valid.nowMsc, JSON.stringify(valid.operation));
    },
    close: () => closeConnection(db),
  };
}

function parseRow(server: ServerId, row: OperationRow): RecordedOperation {
  let operation: unknown;
  try {
    operation = JSON.parse(row.operation);
  } catch (error) {
    throw new CorruptSimulatorOperationError(row.id, server, `its JSON does not parse (${String(error)})`);
  }
  const parsed = recordedOperationSchema.safeParse({ atSeq: row.atSeq, nowMsc: row.nowMsc, operation });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new CorruptSimulatorOperationError(row.id, server, `${issue?.message ?? 'invalid'}${where}`);
  }
  return parsed.data;
}
