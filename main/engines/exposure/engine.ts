/**
 * The exposure engine: consumes what the cache applied (the same stream as the live book) and
 * keeps exposure by symbol, asset, group, region and book current. A position or order event
 * costs O(1) in the number of open positions: its old contribution is taken back from the four
 * cells it was counted in and its new one added. Moving an account between slices (a group,
 * region or routing change) costs O(its symbols), since its positions are pre-summed per symbol.
 */
import type { Account, Login, Order, Position, ServerId } from '../../../shared/domain';
import type { SyncEvent } from '../../../shared/events';
import type { ExposureSnapshot } from '../../../shared/exposure';
import type { ServerBook } from '../book/state';
import {
  addFigures,
  addOrder,
  addPosition,
  emptySide,
  type MarginCell,
  mergeSide,
  openValueOf,
  type PositionContribution,
  pendingVolumeOf,
  type SideSums,
} from './aggregates';
import { type ExposureRowRef, type PositionRef, positionsBehind } from './drilldown';
import {
  type AccountFigures,
  type AccountSlice,
  classifyAccount,
  defaultExposureOptions,
  type ExposureOptions,
  figuresOf,
  sameSlice,
} from './keys';
import { buildSnapshot } from './snapshot';
import { ExposureState, type SliceCells, sideOf } from './state';

interface AccountRecord {
  readonly login: Login;
  account: Account | undefined;
  slice: AccountSlice;
  /** Positions and pending orders pre-summed per symbol. */
  readonly holdings: Map<string, Holding>;
  figures: AccountFigures | undefined;
  marginCell: MarginCell | undefined;
}

/** One account's sums in one symbol, and the cells they are counted in. */
interface Holding {
  readonly owner: AccountRecord;
  readonly symbol: string;
  readonly sums: SideSums;
  cells: SliceCells;
}

/** An open position is its own contribution: what it last added to its holding and cells. */
interface PositionRecord extends PositionContribution {
  readonly ticket: number;
  holding: Holding;
}

interface OrderRecord {
  readonly holding: Holding;
  readonly pendingVolume: number;
}

interface ServerState {
  readonly server: ServerId;
  readonly book: ServerBook;
  readonly accounts: Map<Login, AccountRecord>;
  readonly positions: Map<number, PositionRecord>;
  readonly orders: Map<number, OrderRecord>;
}

export class ExposureEngine {
  private readonly options: ExposureOptions;
  private readonly state: ExposureState;
  private readonly servers = new Map<ServerId, ServerState>();

  constructor(options: Partial<ExposureOptions> = {}) {
    this.options = { ...defaultExposureOptions(), ...options };
    this.state = new ExposureState(this.options.deskCurrency);
  }

  get openPositions(): number {
    let count = 0;
    for (const server of this.servers.values()) count += server.positions.size;
    return count;
  }

  apply(events: readonly SyncEvent[]): void {
    for (const event of events) this.applyOne(event);
  }

  applyOne(event: SyncEvent): void {
    const st = this.serverState(event.server);
    switch (event.type) {
      case 'tick':
        st.book.setTick(event.tick);
        return;
      case 'symbol.update':
        // Contract size and currencies are read when rows are valued: nothing to re-sum.
        st.book.setSymbol(event.symbol);
        return;
      case 'group.update':
        st.book.groups.set(event.group.group, event.group);
        // Coverage flag or margin mode may have changed: re-slice the group's accounts (rare).
        for (const record of st.accounts.values()) {
          if (record.account?.group === event.group.group) this.reslice(st, record);
        }
        return;
      case 'account.add':
      case 'account.update':
        this.upsertAccount(st, event.account);
        return;
      case 'account.delete':
        this.removeAccount(st, event.login);
        return;
      case 'position.add':
      case 'position.update':
        this.upsertPosition(st, event.position);
        return;
      case 'position.delete':
        this.removePosition(st, event.ticket);
        return;
      case 'order.add':
      case 'order.update':
        this.upsertOrder(st, event.order);
        return;
      case 'order.delete':
        this.removeOrder(st, event.ticket);
        return;
      default:
        // Deals move money and volume already reflected by position events; status is not exposure.
        return;
    }
  }

  /** The client's region or routing flag changed (CRM edit, routing decision): re-slice its account. */
  reclassify(server: ServerId, login: Login): void {
    const record = this.servers.get(server)?.accounts.get(login);
    if (record) this.reslice(this.serverState(server), record);
  }

  /** The account's margin or equity changed (the live book revalued it): re-read its figures. */
  refreshAccount(server: ServerId, login: Login): void {
    const record = this.servers.get(server)?.accounts.get(login);
    if (record) this.refreshFigures(this.serverState(server), record);
  }

  snapshot(): ExposureSnapshot {
    return buildSnapshot(this.state);
  }

  /** The position tickets behind a row of any tab (a pull request, so it may walk the symbol's tickets). */
  positionsBehind(row: ExposureRowRef): PositionRef[] {
    return positionsBehind(this.state, row, (server, ticket) => {
      return this.servers.get(server)?.positions.get(ticket)?.holding.owner.slice;
    });
  }

  private serverState(server: ServerId): ServerState {
    let st = this.servers.get(server);
    if (!st) {
      st = {
        server,
        book: this.state.serverBook(server),
        accounts: new Map(),
        positions: new Map(),
        orders: new Map(),
      };
      this.servers.set(server, st);
    }
    return st;
  }

  // --- accounts -------------------------------------------------------------------------------

  private accountRecord(st: ServerState, login: Login): AccountRecord {
    let record = st.accounts.get(login);
    if (!record) {
      record = {
        login,
        account: undefined,
        slice: classifyAccount(st.server, login, undefined, st.book.groups, this.options),
        holdings: new Map(),
        figures: undefined,
        marginCell: undefined,
      };
      st.accounts.set(login, record);
    }
    return record;
  }

  private upsertAccount(st: ServerState, account: Account): void {
    const record = this.accountRecord(st, account.login);
    record.account = account;
    this.reslice(st, record);
  }

  private removeAccount(st: ServerState, login: Login): void {
    const record = st.accounts.get(login);
    if (!record) return;
    record.account = undefined;
    this.reslice(st, record);
    if (record.holdings.size === 0) st.accounts.delete(login);
  }

  /** Re-reads the account's slice; when it moved, moves its per-symbol sums between cells. */
  private reslice(st: ServerState, record: AccountRecord): void {
    const slice = classifyAccount(st.server, record.login, record.account, st.book.groups, this.options);
    if (!sameSlice(slice, record.slice)) {
      for (const holding of record.holdings.values()) this.countHolding(holding, -1);
      record.slice = slice;
      for (const holding of record.holdings.values()) {
        holding.cells = this.state.cellsOf(st.server, holding.symbol, slice);
        holding.sums.lockedVolume = lockedOf(holding);
        this.countHolding(holding, 1);
      }
    }
    this.refreshFigures(st, record);
  }

  private countHolding(holding: Holding, sign: 1 | -1): void {
    const coverage = holding.owner.slice.coverage;
    for (const cell of holding.cells.all) mergeSide(sideOf(cell, coverage), holding.sums, sign);
  }

  private refreshFigures(st: ServerState, record: AccountRecord): void {
    if (record.marginCell && record.figures) addFigures(record.marginCell, record.figures, -1);
    record.figures = record.account ? figuresOf(st.server, record.login, record.account, this.options) : undefined;
    record.marginCell = record.figures ? this.state.marginCell(st.server, record.slice.group) : undefined;
    if (record.marginCell && record.figures) addFigures(record.marginCell, record.figures, 1);
  }

  // --- holdings -------------------------------------------------------------------------------

  private holding(st: ServerState, login: Login, symbol: string): Holding {
    const owner = this.accountRecord(st, login);
    let holding = owner.holdings.get(symbol);
    if (!holding) {
      holding = { owner, symbol, sums: emptySide(), cells: this.state.cellsOf(st.server, symbol, owner.slice) };
      owner.holdings.set(symbol, holding);
    }
    return holding;
  }

  /** Drops a holding (and an account known only through it) once nothing is left in it. */
  private release(st: ServerState, holding: Holding): void {
    if (holding.sums.positions !== 0 || holding.sums.orders !== 0) return;
    const owner = holding.owner;
    owner.holdings.delete(holding.symbol);
    if (owner.holdings.size === 0 && !owner.account) st.accounts.delete(owner.login);
  }

  // --- positions ------------------------------------------------------------------------------

  private upsertPosition(st: ServerState, position: Position): void {
    const holding = this.holding(st, position.login, position.symbol);
    const openValue = openValueOf(position.volume, position.priceOpen);
    const record = st.positions.get(position.ticket);
    if (!record) {
      const added: PositionRecord = {
        ticket: position.ticket,
        holding,
        action: position.action,
        volume: position.volume,
        openValue,
      };
      st.positions.set(position.ticket, added);
      this.countPosition(added, 1);
      holding.cells.symbol.tickets.add(added.ticket);
      return;
    }
    this.countPosition(record, -1);
    const previous = record.holding;
    // Updated in place: a partial close or an averaging allocates no new record and leaves the
    // ticket where it is in its symbol's set.
    record.holding = holding;
    record.action = position.action;
    record.volume = position.volume;
    record.openValue = openValue;
    this.countPosition(record, 1);
    if (previous !== holding) {
      previous.cells.symbol.tickets.delete(record.ticket);
      holding.cells.symbol.tickets.add(record.ticket);
      this.release(st, previous);
    }
  }

  private removePosition(st: ServerState, ticket: number): void {
    const record = st.positions.get(ticket);
    if (!record) return;
    st.positions.delete(ticket);
    this.countPosition(record, -1);
    record.holding.cells.symbol.tickets.delete(ticket);
    this.release(st, record.holding);
  }

  private countPosition(record: PositionRecord, sign: 1 | -1): void {
    const holding = record.holding;
    addPosition(holding.sums, record, sign);
    const locked = lockedOf(holding);
    const lockedDelta = locked - holding.sums.lockedVolume;
    holding.sums.lockedVolume = locked;
    const coverage = holding.owner.slice.coverage;
    for (const cell of holding.cells.all) {
      const side = sideOf(cell, coverage);
      addPosition(side, record, sign);
      side.lockedVolume += lockedDelta;
    }
  }

  // --- pending orders -------------------------------------------------------------------------

  private upsertOrder(st: ServerState, order: Order): void {
    this.removeOrder(st, order.ticket);
    const pendingVolume = pendingVolumeOf(order);
    if (pendingVolume === 0) return;
    const record: OrderRecord = { holding: this.holding(st, order.login, order.symbol), pendingVolume };
    st.orders.set(order.ticket, record);
    this.countOrder(record, 1);
  }

  private removeOrder(st: ServerState, ticket: number): void {
    const record = st.orders.get(ticket);
    if (!record) return;
    st.orders.delete(ticket);
    this.countOrder(record, -1);
    this.release(st, record.holding);
  }

  private countOrder(record: OrderRecord, sign: 1 | -1): void {
    const holding = record.holding;
    addOrder(holding.sums, record.pendingVolume, sign);
    const coverage = holding.owner.slice.coverage;
    for (const cell of holding.cells.all) addOrder(sideOf(cell, coverage), record.pendingVolume, sign);
  }
}

/** Overlapping buy and sell volume of one hedging account in one symbol. */
const lockedOf = (holding: Holding): number =>
  holding.owner.slice.hedging ? Math.min(holding.sums.buyVolume, holding.sums.sellVolume) : 0;
