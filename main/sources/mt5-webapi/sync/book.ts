/**
 * The open book, polled in full: account states, positions and pending orders by batch
 * (group=*, split when truncated), merged with the users and compared with the previous poll.
 */
import type { WebApiConnection } from '../connection/connection';
import { keyOf, type WireRecord } from '../mappers/reader';
import { EntityMirror } from './entity-mirror';
import { accountKind, orderKind, positionKind } from './kinds';
import { everyRow } from './queries';
import type { EventStream } from './stream';
import type { Users } from './users';

/** The keys of what the desk's cache holds for this server (open positions and orders, live accounts). */
export interface KnownEntities {
  accounts: readonly number[];
  positions: readonly { ticket: number; login: number }[];
  orders: readonly { ticket: number; login: number }[];
}

export class OpenBook {
  private readonly accounts = new EntityMirror(accountKind);
  private readonly positions = new EntityMirror(positionKind);
  private readonly orders = new EntityMirror(orderKind);

  constructor(
    private readonly connection: WebApiConnection,
    private readonly users: Users,
    private readonly groups: () => readonly string[],
    private readonly stream: EventStream,
  ) {}

  /** What the desk's cache holds, so the first poll also deletes what vanished meanwhile. */
  seed(known: KnownEntities): void {
    this.accounts.seed(known.accounts.map((login) => ({ key: login, login })));
    this.positions.seed(known.positions.map((p) => ({ key: p.ticket, login: p.login })));
    this.orders.seed(known.orders.map((o) => ({ key: o.ticket, login: o.login })));
  }

  /** One poll: read everything first, then emit, so a failed read leaves the desk's view untouched. */
  async refresh(): Promise<void> {
    const states = await everyRow(this.connection, 'user/account/get_batch', this.groups);
    const positions = await everyRow(this.connection, 'position/get_batch', this.groups);
    const orders = await everyRow(this.connection, 'order/get_batch', this.groups);
    const stateOf = new Map<number, WireRecord>();
    for (const state of states) {
      const login = keyOf(state, 'Login');
      if (login !== undefined) stateOf.set(login, state);
    }
    // Without the users there is nothing to merge into, and an empty list would delete every account.
    if (this.users.loaded) {
      const accounts = this.users.records.map((user) => {
        const login = keyOf(user, 'Login');
        return { user, state: login === undefined ? undefined : stateOf.get(login) };
      });
      this.accounts.apply(accounts, this.stream);
    }
    this.positions.apply(positions, this.stream);
    this.orders.apply(orders, this.stream);
  }
}
