/**
 * Dealer actions in the desk's system of record (desk.db, migration 004_actions.sql): each balance
 * operation or account change with its state, and the counter transaction ids come from.
 *
 * Every write is its own transaction on a `synchronous=FULL` connection, so a state is durable when
 * the call returns: the actions write 'sending' before a request leaves, and a desk that stopped
 * mid-send finds the row on start and looks for the deal before sending again.
 */
import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  type ActionKind,
  type ActionRow,
  type ActionState,
  actionKindSchema,
  actionStateSchema,
} from '../../shared/actions';
import type { ServerId } from '../../shared/domain';
import { closeConnection, openConnection } from './connection';
import { migrate } from './migrate';
import { recordMigrations } from './migrations';

/** The MT5 UserUpdate fields an account change sends. */
export interface StoredUserChange {
  group?: string;
  leverage?: number;
  rights?: number;
}

/** An action as stored: the grid row plus what a resend needs. */
export interface StoredAction extends ActionRow {
  /** Balance operations: the MT5 DealAction (2..6); null for account changes. */
  dealAction: number | null;
  /** Balance operations: the deal comment exactly as sent, `<id> <note>`. */
  comment: string | null;
  /** Account changes: the fields sent. */
  change: StoredUserChange | null;
  requestId: string | null;
}

/** What the store needs to create an action; it adds the id and the comment built from it. */
export type NewAction = Omit<StoredAction, 'id' | 'comment'>;

export type ActionPatch = Partial<
  Pick<StoredAction, 'state' | 'attempts' | 'dealTicket' | 'approvedBy' | 'error' | 'updatedAtMsc'>
>;

export interface ActionListQuery {
  server?: ServerId;
  login?: number;
  /** Settled actions (confirmed, failed, rejected) requested before this are left out; unsettled ones never are. */
  settledSinceMsc: number;
  /** Newest first, at most this many (default 1,000). */
  limit?: number;
}

export interface ActionsStore {
  /** The id the next `create` will take (to say how much of the deal comment it leaves). */
  peekNextId(): string;
  /**
   * Takes the next transaction id and inserts the action in one transaction. `commentFor` builds
   * the deal comment from the id (balance operations); it is stored and every retry sends it.
   */
  create(action: NewAction, commentFor?: (id: string) => string): StoredAction;
  /** Writes a state change (durable on return) and returns the action as it now stands. */
  update(id: string, patch: ActionPatch): StoredAction;
  get(id: string): StoredAction | undefined;
  /** The action an operator's earlier submit with this request id created. */
  byRequest(requestedBy: string, requestId: string): StoredAction | undefined;
  /** Awaiting approval, sending, pending or unresolved, oldest first: what a restart resumes. */
  unsettled(): StoredAction[];
  list(query: ActionListQuery): StoredAction[];
  close(): void;
}

const DEFAULT_LIST_LIMIT = 1_000;
const MAX_LIST_LIMIT = 5_000;
/** Crockford's base32 without I, L, O, U: an id read aloud over the phone is not misheard. */
const PREFIX_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX_LENGTH = 5;

interface ActionDbRow {
  id: string;
  server: string;
  login: number;
  kind: string;
  dealAction: number | null;
  amount: number | null;
  comment: string | null;
  change: string | null;
  currency: string;
  before: string;
  after: string;
  note: string;
  state: string;
  requestedBy: string;
  requestedAtMsc: number;
  requestId: string | null;
  approvedBy: string | null;
  attempts: number;
  dealTicket: number | null;
  updatedAtMsc: number;
  errorMessage: string | null;
  errorRetcode: number | null;
}

const COLUMNS = `id, server, login, kind, deal_action AS dealAction, amount, comment, change, currency,
  before_text AS "before", after_text AS "after", note, state, requested_by AS requestedBy,
  requested_msc AS requestedAtMsc, request_id AS requestId, approved_by AS approvedBy, attempts,
  deal_ticket AS dealTicket, updated_msc AS updatedAtMsc, error_message AS errorMessage,
  error_retcode AS errorRetcode`;
const UNSETTLED = `state IN ('awaiting-approval', 'sending', 'pending', 'unresolved')`;

/** Opens desk.db on its own connection (migrating it if needed); `close` closes that connection. */
export function openActionsStore(path: string): ActionsStore {
  const db = openConnection(path, 'record');
  try {
    migrate(db, 'record', recordMigrations);
    return actionsStoreOn(db, () => closeConnection(db));
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The store on a connection already migrated with `recordMigrations`; `close` runs `onClose`. */
export function actionsStoreOn(db: Database.Database, onClose: () => void = () => {}): ActionsStore {
  const sql = {
    ids: db.prepare<[], { prefix: string; next: number }>('SELECT prefix, next FROM action_ids WHERE only_row = 1'),
    // Made once per install; OR IGNORE: another connection may have made it first.
    makeIds: db.prepare<[string]>('INSERT OR IGNORE INTO action_ids (only_row, prefix, next) VALUES (1, ?, 1)'),
    takeId: db.prepare<[]>('UPDATE action_ids SET next = next + 1 WHERE only_row = 1'),
    insert: db.prepare<Record<string, unknown>>(`
      INSERT INTO actions (id, server, login, kind, deal_action, amount, comment, change, currency, before_text,
        after_text, note, state, requested_by, requested_msc, request_id, approved_by, attempts, deal_ticket,
        updated_msc, error_message, error_retcode)
      VALUES (@id, @server, @login, @kind, @dealAction, @amount, @comment, @change, @currency, @before, @after,
        @note, @state, @requestedBy, @requestedAtMsc, @requestId, @approvedBy, @attempts, @dealTicket,
        @updatedAtMsc, @errorMessage, @errorRetcode)`),
    update: db.prepare<Record<string, unknown>>(`
      UPDATE actions SET state = @state, attempts = @attempts, deal_ticket = @dealTicket, approved_by = @approvedBy,
        error_message = @errorMessage, error_retcode = @errorRetcode, updated_msc = @updatedAtMsc
      WHERE id = @id`),
    get: db.prepare<[string], ActionDbRow>(`SELECT ${COLUMNS} FROM actions WHERE id = ?`),
    byRequest: db.prepare<[string, string], ActionDbRow>(
      `SELECT ${COLUMNS} FROM actions WHERE requested_by = ? AND request_id = ?`,
    ),
    unsettled: db.prepare<[], ActionDbRow>(
      `SELECT ${COLUMNS} FROM actions WHERE ${UNSETTLED} ORDER BY requested_msc, rowid`,
    ),
    // Every unsettled action, and the settled ones since the cut-off (the list a dealer works from).
    list: db.prepare<[{ server: string | null; login: number | null; since: number; limit: number }], ActionDbRow>(`
      SELECT ${COLUMNS} FROM actions
      WHERE (@server IS NULL OR server = @server) AND (@login IS NULL OR login = @login)
        AND (${UNSETTLED} OR requested_msc >= @since)
      ORDER BY requested_msc DESC, rowid DESC LIMIT @limit`),
  };

  const ids = (): { prefix: string; next: number } => {
    let row = sql.ids.get();
    if (!row) {
      sql.makeIds.run(newPrefix());
      row = sql.ids.get();
    }
    if (!row) throw new Error('desk.db has no transaction-id counter and could not make one.');
    return row;
  };
  const idOf = (row: { prefix: string; next: number }) => `${row.prefix}-${row.next}`;

  const create = db.transaction((action: NewAction, commentFor?: (id: string) => string): StoredAction => {
    const id = idOf(ids());
    sql.takeId.run();
    const stored: StoredAction = { ...action, id, comment: commentFor ? commentFor(id) : null };
    sql.insert.run(toParams(stored));
    return stored;
  });

  const get = (id: string) => {
    const row = sql.get.get(id);
    return row && fromRow(row);
  };

  return {
    peekNextId: () => idOf(ids()),
    create: (action, commentFor) => create.immediate(action, commentFor),
    update(id, patch) {
      const current = get(id);
      if (!current) throw new Error(`Action ${id} is not in desk.db.`);
      const next: StoredAction = { ...current, ...patch };
      sql.update.run(toParams(next));
      return next;
    },
    get,
    byRequest(requestedBy, requestId) {
      const row = sql.byRequest.get(requestedBy, requestId);
      return row && fromRow(row);
    },
    unsettled: () => sql.unsettled.all().map(fromRow),
    list(query) {
      const limit = Math.min(Math.max(1, Math.floor(query.limit ?? DEFAULT_LIST_LIMIT)), MAX_LIST_LIMIT);
      return sql.list
        .all({ server: query.server ?? null, login: query.login ?? null, since: query.settledSinceMsc, limit })
        .map(fromRow);
    },
    close: onClose,
  };
}

function newPrefix(): string {
  let prefix = '';
  for (let i = 0; i < PREFIX_LENGTH; i++) prefix += PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)];
  return prefix;
}

function toParams(a: StoredAction): Record<string, unknown> {
  return {
    id: a.id,
    server: a.server,
    login: a.login,
    kind: a.kind,
    dealAction: a.dealAction,
    amount: a.amount,
    comment: a.comment,
    change: a.change === null ? null : JSON.stringify(a.change),
    currency: a.currency,
    before: a.before,
    after: a.after,
    note: a.note,
    state: a.state,
    requestedBy: a.requestedBy,
    requestedAtMsc: a.requestedAtMsc,
    requestId: a.requestId,
    approvedBy: a.approvedBy,
    attempts: a.attempts,
    dealTicket: a.dealTicket,
    updatedAtMsc: a.updatedAtMsc,
    errorMessage: a.error?.message ?? null,
    errorRetcode: a.error?.retcode ?? null,
  };
}

function fromRow(row: ActionDbRow): StoredAction {
  const kind: ActionKind = actionKindSchema.parse(row.kind);
  const state: ActionState = actionStateSchema.parse(row.state);
  return {
    id: row.id,
    server: row.server,
    login: row.login,
    kind,
    amount: row.amount,
    currency: row.currency,
    before: row.before,
    after: row.after,
    note: row.note,
    state,
    requestedBy: row.requestedBy,
    requestedAtMsc: row.requestedAtMsc,
    approvedBy: row.approvedBy,
    attempts: row.attempts,
    dealTicket: row.dealTicket,
    updatedAtMsc: row.updatedAtMsc,
    error: row.errorMessage === null ? null : { message: row.errorMessage, retcode: row.errorRetcode },
    dealAction: row.dealAction,
    comment: row.comment,
    change: row.change === null ? null : (JSON.parse(row.change) as StoredUserChange),
    requestId: row.requestId,
  };
}

/** The grid row of a stored action (what the contract's `actions` stream and list carry). */
export function actionRowOf(a: StoredAction): ActionRow {
  return {
    id: a.id,
    server: a.server,
    login: a.login,
    kind: a.kind,
    amount: a.amount,
    currency: a.currency,
    before: a.before,
    after: a.after,
    note: a.note,
    state: a.state,
    requestedBy: a.requestedBy,
    requestedAtMsc: a.requestedAtMsc,
    approvedBy: a.approvedBy,
    attempts: a.attempts,
    dealTicket: a.dealTicket,
    updatedAtMsc: a.updatedAtMsc,
    error: a.error,
  };
}
