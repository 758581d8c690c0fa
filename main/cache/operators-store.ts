/**
 * Operators in the desk's system of record (desk.db, migration 003_operators_audit.sql). Names are
 * unique regardless of case (`operatorKey`); the password is stored only as its scrypt string.
 * Rules (the first admin, the last admin, who may edit whom) live in main/actions/sessions.ts.
 */
import type Database from 'better-sqlite3';
import { type Operator, type Role, roleSchema } from '../../shared/operators';
import { closeConnection, openConnection } from './connection';
import { migrate } from './migrate';
import { recordMigrations } from './migrations';

export interface StoredOperator extends Operator {
  passwordHash: string;
}

export interface OperatorChange {
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
}

export interface OperatorsStore {
  /** True once any operator exists (the first launch creates the admin). */
  any(): boolean;
  /** The operator whose name matches regardless of case. */
  get(name: string): StoredOperator | undefined;
  /** Every operator, by name, without password hashes. */
  list(): Operator[];
  /** Inserts a new operator; false (nothing written) when the name is taken in any case. */
  create(operator: StoredOperator): boolean;
  /** Inserts the operator only if no operator exists yet, atomically; false otherwise. */
  createFirst(operator: StoredOperator): boolean;
  /** Changes what is given; returns the operator as stored, or undefined when there is none. */
  update(name: string, change: OperatorChange, nowMsc: number): StoredOperator | undefined;
  /** How many admins may sign in. */
  enabledAdmins(): number;
  close(): void;
}

/** What makes two names the same operator: compatibility-normalised, lower case. */
export const operatorKey = (name: string): string => name.trim().normalize('NFKC').toLowerCase();

interface OperatorRow {
  name: string;
  role: string;
  disabled: number;
  createdAtMsc: number;
  createdBy: string;
  passwordHash: string;
}

type InsertParams = [string, string, string, number, string, number, string, number];

const COLUMNS = `name, role, disabled, created_msc AS createdAtMsc, created_by AS createdBy,
  password_hash AS passwordHash`;

/** Opens desk.db on its own connection (migrating it if needed); `close` closes that connection. */
export function openOperatorsStore(path: string): OperatorsStore {
  const db = openConnection(path, 'record');
  try {
    migrate(db, 'record', recordMigrations);
    return operatorsStoreOn(db, () => closeConnection(db));
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The store on a connection already migrated with `recordMigrations`; `close` runs `onClose`. */
export function operatorsStoreOn(db: Database.Database, onClose: () => void = () => {}): OperatorsStore {
  const sql = {
    any: db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM operators)').pluck(),
    get: db.prepare<[string], OperatorRow>(`SELECT ${COLUMNS} FROM operators WHERE name_key = ?`),
    list: db.prepare<[], OperatorRow>(`SELECT ${COLUMNS} FROM operators ORDER BY name_key`),
    create: db.prepare<InsertParams>(`
      INSERT INTO operators (name_key, name, role, disabled, password_hash, created_msc, created_by, updated_msc)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name_key) DO NOTHING`),
    createFirst: db.prepare<InsertParams>(`
      INSERT INTO operators (name_key, name, role, disabled, password_hash, created_msc, created_by, updated_msc)
      SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM operators)`),
    update: db.prepare<[string | null, number | null, string | null, number, string]>(`
      UPDATE operators SET role = coalesce(?, role), disabled = coalesce(?, disabled),
        password_hash = coalesce(?, password_hash), updated_msc = ?
      WHERE name_key = ?`),
    enabledAdmins: db
      .prepare<[], number>("SELECT count(*) FROM operators WHERE role = 'admin' AND disabled = 0")
      .pluck(),
  };

  const insertParams = (o: StoredOperator): InsertParams => [
    operatorKey(o.name),
    o.name,
    o.role,
    o.disabled ? 1 : 0,
    o.passwordHash,
    o.createdAtMsc,
    o.createdBy,
    o.createdAtMsc,
  ];
  const get = (name: string) => {
    const row = sql.get.get(operatorKey(name));
    return row && fromRow(row);
  };

  return {
    any: () => sql.any.get() === 1,
    get,
    list: () => sql.list.all().map((row) => withoutHash(fromRow(row))),
    create: (operator) => sql.create.run(...insertParams(operator)).changes === 1,
    createFirst: (operator) => sql.createFirst.run(...insertParams(operator)).changes === 1,
    update(name, change, nowMsc) {
      const disabled = change.disabled === undefined ? null : change.disabled ? 1 : 0;
      sql.update.run(change.role ?? null, disabled, change.passwordHash ?? null, nowMsc, operatorKey(name));
      return get(name);
    },
    enabledAdmins: () => sql.enabledAdmins.get() ?? 0,
    close: onClose,
  };
}

function fromRow(row: OperatorRow): StoredOperator {
  return {
    name: row.name,
    // Parsed, not cast: the CHECK constraint agrees today, and a drifted value should say so.
    role: roleSchema.parse(row.role),
    disabled: row.disabled === 1,
    createdAtMsc: row.createdAtMsc,
    createdBy: row.createdBy,
    passwordHash: row.passwordHash,
  };
}

function withoutHash({ passwordHash: _, ...operator }: StoredOperator): Operator {
  return operator;
}
