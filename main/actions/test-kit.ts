/**
 * What the action tests run on: the real simulator as the server, the real mirror and book fed by
 * its events, desk.db on a temp file, an in-memory audit trail that keeps what was appended, and
 * timers moved by hand. Not used outside tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { AuditEntry } from '../../shared/actions';
import { DeskRequestError } from '../../shared/contract';
import type { Account } from '../../shared/domain';
import type { SourceCursor } from '../../shared/events';
import { defaultLimits, type Limits } from '../../shared/operators';
import type { AuditRecord } from '../audit/trail';
import { type ActionsStore, openActionsStore } from '../cache/actions-store';
import { type MirrorCache, openMirror } from '../cache/mirror';
import { DeskBook } from '../engines/book/book';
import type { OperationTap } from '../sources/simulator/dealer-operations';
import { Simulator } from '../sources/simulator/simulator';
import { ActionDesk, type ActionDeskDeps } from './action-desk';
import type { ActionAudit, Actor, Timers } from './ports';
import type { ServerGateway } from './server-gateway';
import { SimulatorGateway } from './simulator-gateway';

export const SERVER = 'sim-actions';

export const alice: Actor = { name: 'alice', role: 'dealer' };
export const bob: Actor = { name: 'bob', role: 'dealer' };
export const root: Actor = { name: 'root', role: 'admin' };
export const rita: Actor = { name: 'rita', role: 'risk' };

/** Timers that fire only when the test moves time. */
export class ManualTimers implements Timers {
  private now = 0;
  private nextId = 1;
  private readonly due = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.due.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }

  get pending(): number {
    return this.due.size;
  }

  /** Moves time forward, firing what falls due in time order. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const next = [...this.due.entries()].sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next || next[1].at > until) break;
      this.due.delete(next[0]);
      this.now = next[1].at;
      next[1].callback();
    }
    this.now = until;
  }
}

/** An audit trail that keeps the records in memory, for assertions. */
export class MemoryAudit implements ActionAudit {
  readonly entries: AuditEntry[] = [];

  append(record: AuditRecord): AuditEntry {
    const entry: AuditEntry = { ...record, id: this.entries.length + 1, atMsc: 0, hash: '' };
    this.entries.push(entry);
    return entry;
  }

  of(subject: string): AuditEntry[] {
    return this.entries.filter((e) => e.subject === subject);
  }
}

/** A gateway that records every call before passing it on (to assert what reached the server). */
export class RecordingGateway implements ServerGateway {
  readonly calls: string[] = [];
  constructor(private readonly inner: ServerGateway) {}
  get server() {
    return this.inner.server;
  }
  balance(...args: Parameters<ServerGateway['balance']>) {
    this.calls.push(`balance ${args.join(' ')}`);
    return this.inner.balance(...args);
  }
  updateUser(...args: Parameters<ServerGateway['updateUser']>) {
    this.calls.push(`updateUser ${args[0]} ${JSON.stringify(args[1])}`);
    return this.inner.updateUser(...args);
  }
  findBalanceDeal(...args: Parameters<ServerGateway['findBalanceDeal']>) {
    this.calls.push(`findBalanceDeal ${args.join(' ')}`);
    return this.inner.findBalanceDeal(...args);
  }
  get sends(): string[] {
    return this.calls.filter((c) => !c.startsWith('findBalanceDeal'));
  }
}

export interface HarnessOptions {
  limits?: Limits;
  /** Wraps the simulator gateway (to lose replies without applying, or never answer). */
  gateway?: (simulator: ServerGateway) => ServerGateway;
  /** Reuse the files of an earlier harness (a restart). */
  dir?: string;
  deskCurrency?: string;
}

/**
 * A desk on a small simulated server: its events flow simulator → mirror → book → desk, at once
 * after each operation unless `holdEvents` is set (a stream that lags behind the replies).
 */
export function actionHarness(options: HarnessOptions = {}) {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'desk-actions-'));
  const simulator = new Simulator({
    seed: 5,
    server: SERVER,
    clients: 40,
    initialPositions: 60,
    moneyOperationsPerSecond: 0,
  });
  const mirror: MirrorCache = openMirror(path.join(dir, 'mirror.db'));
  const store: ActionsStore = openActionsStore(path.join(dir, 'desk.db'));
  const book = new DeskBook(() => undefined);
  const audit = new MemoryAudit();
  const timers = new ManualTimers();
  let desk: ActionDesk | undefined;
  let cursor: SourceCursor = { seq: 0, dealTimeMsc: 0, dealTicket: 0, tickTransId: '' };
  /** holdEvents: the stream lags (events wait for `deliver`); deskSeesEvents off: the desk "crashed" after the mirror applied. */
  const control = { holdEvents: false, deskSeesEvents: true };

  const deliver = (events = simulator.flush()) => {
    const last = events.at(-1);
    if (last === undefined) return;
    for (const e of events)
      if (e.type === 'deal.add') cursor = { ...cursor, dealTimeMsc: e.deal.timeMsc, dealTicket: e.deal.ticket };
    cursor = { ...cursor, seq: last.seq };
    const result = mirror.applyBatch(SERVER, events, cursor);
    book.apply(result.applied);
    if (control.deskSeesEvents) desk?.applied(SERVER, result.applied);
  };
  // The seeded book: accounts funded, positions open, quotes for every conversion.
  deliver(simulator.advanceTo(simulator.nowMsc + 8_000));
  book.revalue();

  const simGateway = new SimulatorGateway(
    SERVER,
    () => simulator,
    () => {
      if (!control.holdEvents) deliver();
    },
  );
  const gateway = new RecordingGateway(options.gateway ? options.gateway(simGateway) : simGateway);
  const makeDesk = (overrides: Partial<ActionDeskDeps> = {}) => {
    desk = new ActionDesk({
      store,
      audit,
      book,
      mirror,
      gateways: [gateway],
      limits: () => options.limits ?? defaultLimits,
      deskCurrency: options.deskCurrency ?? 'USD',
      clock: () => 1_000_000,
      timers,
      ...overrides,
    });
    return desk;
  };

  const accounts = () => mirror.accounts({ server: SERVER });
  /** A client account (not coverage) in a USD group with the given number of open positions. */
  const accountWhere = (test: (a: Account, positions: number) => boolean): Account => {
    for (const a of accounts()) {
      if (a.group.startsWith('coverage')) continue;
      const positions = mirror.openPositions({ server: SERVER, login: a.login }).length;
      if (test(a, positions)) return a;
    }
    throw new Error('no account fits');
  };
  const balanceDealsWith = (id: string) =>
    simulator.truth().deals.filter((d) => d.action >= 2 && d.action <= 6 && d.comment.split(' ').includes(id));

  return {
    dir,
    simulator,
    mirror,
    store,
    book,
    audit,
    timers,
    gateway,
    control,
    deliver,
    makeDesk,
    accounts,
    accountWhere,
    balanceDealsWith,
    truthAccount: (login: number) => simulator.truth().accounts.get(login),
    close() {
      desk?.dispose();
      mirror.close();
      store.close();
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Harness = ReturnType<typeof actionHarness>;

/** A harness per call, closed and deleted after each test. Call once at the top of a test file. */
export function harnessPerTest(): (options?: HarnessOptions) => Harness {
  const open: Harness[] = [];
  afterEach(() => {
    for (const h of open.splice(0)) {
      h.close();
      h.remove();
    }
  });
  return (options) => {
    const h = actionHarness(options);
    open.push(h);
    return h;
  };
}

/** No four-eyes and no dealer limit: for tests about delivery, not about limits. */
export const OPEN_LIMITS: Limits = { dealerMaxAmount: 1_000_000_000, fourEyesAbove: 1_000_000_000 };
export const usd = (a: Account): boolean => a.group.endsWith('-usd');
export const eur = (a: Account): boolean => a.group.endsWith('-eur');
/** Cents as a dealer types them: 123456 → "1234.56". */
export const typed = (cents: number): string => (cents / 100).toFixed(2);
/** Cents as the desk shows them: 123456 → "1,234.56". */
export const shown = (cents: number): string =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);

let requestNo = 0;
/** A deposit request as the window sends it, with a fresh request id. */
export const deposit = (login: number, amount: string, note = '') => ({
  server: SERVER,
  login,
  kind: 'deposit' as const,
  amount,
  note,
  requestId: `request-${++requestNo}`,
});

/** Loses the first reply to an operation of `kind` after the server applied it (the simulator's tap throws). */
export function loseFirstReply(h: Harness, kind: 'balance' | 'updateUser'): void {
  let lost = false;
  const tap: OperationTap = (operation, reply) => {
    if (operation.kind === kind && !lost) {
      lost = true;
      throw new Error('connection reset by peer');
    }
    return reply;
  };
  h.simulator.setOperationTap(tap);
}

/** A gateway that drops the first `n` balance requests before they reach the server. */
export const droppingBalances =
  (n: number) =>
  (inner: ServerGateway): ServerGateway => {
    let dropped = 0;
    return {
      server: inner.server,
      balance: (...args) => (dropped++ < n ? Promise.reject(new Error('connection refused')) : inner.balance(...args)),
      updateUser: (...args) => inner.updateUser(...args),
      findBalanceDeal: (...args) => inner.findBalanceDeal(...args),
    };
  };

/** The DeskRequestError the work throws (fails the test if it throws nothing or something else). */
export async function refusal(work: Promise<unknown> | (() => unknown)): Promise<DeskRequestError> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    if (error instanceof DeskRequestError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Moves the hand-driven timers and waits for what they started. */
export async function advance(h: Harness, desk: ActionDesk, ms: number): Promise<void> {
  h.timers.advance(ms);
  await desk.idle();
}

export function two<T>(list: T[]): [T, T] {
  const [a, b] = list;
  if (a === undefined || b === undefined) throw new Error('need two accounts');
  return [a, b];
}
