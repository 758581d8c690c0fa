/**
 * What the actions need from the rest of the core, as narrow interfaces: the live book (figures,
 * rates, what-if), the mirror (accounts, groups, open trades, balance deals), the audit trail, the
 * clock and timers. The composition root passes the real ones; tests pass the same real ones on
 * temp files, and a hand-driven clock and timers.
 */
import type { Account, Deal, GroupSpec, Login, ServerId } from '../../shared/domain';
import type { Money } from '../../shared/units';
import type { AuditTrail } from '../audit/trail';

/** The part of DeskBook (main/engines/book/book.ts) the actions read. */
export interface ActionBook {
  accountFigures(server: ServerId, login: Login): { margin: Money; equity: Money; leverage: number } | undefined;
  groupOf(server: ServerId, login: Login): GroupSpec | undefined;
  whatIf(
    server: ServerId,
    login: Login,
    change: { leverage?: number; group?: string },
  ): { equity: Money; margin: Money; group: GroupSpec } | undefined;
  convertMoney(server: ServerId, amount: Money, from: string, to: string): Money | null;
}

/** The part of the mirror (main/cache) the actions read: what the server last reported. */
export interface ActionMirror {
  account(server: ServerId, login: Login): Account | undefined;
  groups(server: ServerId): GroupSpec[];
  openPositions(filter: { server: ServerId; login: Login }): readonly unknown[];
  openOrders(filter: { server: ServerId; login: Login }): readonly unknown[];
  balanceDeals(server: ServerId, login: Login): Deal[];
}

export type ActionAudit = Pick<AuditTrail, 'append'>;

/** Timers the actions schedule retries and reply timeouts on; injectable so tests move time by hand. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Who asks: the signed-in operator (the core passes it with each request). */
export type { Actor } from '../../shared/operators';
