/**
 * The server's outgoing stream and its ground truth. Every state change becomes a SyncEvent here,
 * numbered `seq` 1, 2, 3 ... with `version = seq` for versioned entities, and the record it
 * carried becomes the truth for its key. Records are never mutated after they are emitted, so the
 * truth is exactly what a cache that applied the stream should hold.
 */
import type { Account, Deal, GroupSpec, Login, Order, Position, SymbolSpec, Tick } from '../../../shared/domain';
import type { SyncEvent } from '../../../shared/events';

export interface GroundTruth {
  accounts: Map<Login, Account>;
  /** Open positions only. */
  positions: Map<number, Position>;
  /** Open (pending) orders only. */
  orders: Map<number, Order>;
  deals: Deal[];
}

export class Journal {
  /** The seq of the last event generated. */
  seq = 0;
  /** Generated and not yet taken, from `head` on. */
  private out: SyncEvent[] = [];
  private head = 0;
  readonly truth: GroundTruth = { accounts: new Map(), positions: new Map(), orders: new Map(), deals: [] };

  constructor(readonly server: string) {}

  /** Hands over the oldest `count` events not yet taken, in seq order. */
  take(count: number): SyncEvent[] {
    const available = this.out.length - this.head;
    if (count >= available) {
      const all = this.head === 0 ? this.out : this.out.slice(this.head);
      this.out = [];
      this.head = 0;
      return all;
    }
    const part = this.out.slice(this.head, this.head + count);
    this.head += count;
    // Compact once the taken prefix dominates, so a long backlog costs O(1) per event.
    if (this.head > 4096 && this.head * 2 > this.out.length) {
      this.out = this.out.slice(this.head);
      this.head = 0;
    }
    return part;
  }

  get pending(): number {
    return this.out.length - this.head;
  }

  tick(tick: Tick): void {
    this.out.push({ type: 'tick', server: this.server, seq: ++this.seq, tick });
  }

  symbol(symbol: SymbolSpec): void {
    const seq = ++this.seq;
    this.out.push({ type: 'symbol.update', server: this.server, seq, version: seq, symbol });
  }

  group(group: GroupSpec): void {
    const seq = ++this.seq;
    this.out.push({ type: 'group.update', server: this.server, seq, version: seq, group });
  }

  deal(deal: Deal): void {
    this.out.push({ type: 'deal.add', server: this.server, seq: ++this.seq, deal });
    this.truth.deals.push(deal);
  }

  account(account: Account, isNew: boolean): void {
    const seq = ++this.seq;
    this.out.push({ type: isNew ? 'account.add' : 'account.update', server: this.server, seq, version: seq, account });
    this.truth.accounts.set(account.login, account);
  }

  position(position: Position, isNew: boolean): void {
    const seq = ++this.seq;
    this.out.push({
      type: isNew ? 'position.add' : 'position.update',
      server: this.server,
      seq,
      version: seq,
      position,
    });
    this.truth.positions.set(position.ticket, position);
  }

  positionClosed(ticket: number, login: Login): void {
    const seq = ++this.seq;
    this.out.push({ type: 'position.delete', server: this.server, seq, version: seq, ticket, login });
    this.truth.positions.delete(ticket);
  }

  order(order: Order, isNew: boolean): void {
    const seq = ++this.seq;
    this.out.push({ type: isNew ? 'order.add' : 'order.update', server: this.server, seq, version: seq, order });
    this.truth.orders.set(order.ticket, order);
  }

  orderRemoved(ticket: number, login: Login): void {
    const seq = ++this.seq;
    this.out.push({ type: 'order.delete', server: this.server, seq, version: seq, ticket, login });
    this.truth.orders.delete(ticket);
  }
}
