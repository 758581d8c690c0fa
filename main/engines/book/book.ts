/**
 * The desk's live book: every open position and account of every server, valued at the latest
 * quotes. It consumes what the cache applied (so it never sees a duplicate), revalues once per
 * frame, and hands out grid rows:
 * - structural changes (a new, changed or closed position; a balance or group change; an account
 *   crossing into margin call) go to every window in the next frame;
 * - price revaluations go every frame for the rows a window shows (its viewport: positions every
 *   frame, accounts whenever their figures moved) and, for the rest of the book, in round-robin
 *   slices, so a 20,000-position book is refreshed off screen every ~10 s without flooding a window
 *   with hundreds of thousands of row updates a second.
 */
import type { Account, GroupSpec, Position, ServerId } from '../../../shared/domain';
import type { SyncEvent } from '../../../shared/events';
import { DealEntry, PositionAction } from '../../../shared/mt5';
import type { BookColumn, RoutingBook } from '../../../shared/routing';
import type { AccountRow, PositionRow, RowDelta } from '../../../shared/rows';
import { type Money, moneyFromDouble } from '../../../shared/units';
import { accountRow, type ClientRef, positionRow } from './rows';
import {
  accountId,
  type LiveAccount,
  type LivePosition,
  positionId,
  ServerBook,
  type SymbolLegs,
  Valuations,
} from './state';
import { AccountTable, LegTable, legMargin, PositionTable } from './tables';

export interface BookFilter {
  server?: string;
  login?: number;
  symbol?: string;
  group?: string;
}

/** The rows a window shows, per grid (its `positions.viewport` and `accounts.viewport` requests). */
export interface WindowViewport {
  positions: ReadonlySet<string>;
  accounts: ReadonlySet<string>;
}

export interface BookDeltas {
  positions: RowDelta<PositionRow>;
  accounts: RowDelta<AccountRow>;
  /** Per window with something to send: the revalued rows of its viewport. */
  viewports: Map<string, { positions: PositionRow[]; accounts: AccountRow[] }>;
}

/** An account's figures as a window was last sent them in its viewport. */
interface ShownFigures {
  equity: number;
  margin: number;
}

export interface BookOptions {
  /** Positions sent to every window per frame beyond the viewports, when their figures moved. */
  positionSlice: number;
  accountSlice: number;
}

export type ClientLookup = (server: ServerId, login: number) => ClientRef | undefined;
/** The routing flag of an account in `group` (see RoutingMap); B-book when the desk has no routing. */
export type RoutingLookup = (server: ServerId, group: string) => RoutingBook;

export class DeskBook {
  private readonly servers = new Map<ServerId, ServerBook>();
  private readonly positions = new Map<string, LivePosition>();
  private readonly accounts = new Map<string, LiveAccount>();
  /** Positions whose account has not arrived yet, by account id. */
  private readonly orphans = new Map<string, Set<LivePosition>>();
  /** Commission paid so far per open position (from its deals), cents. */
  private readonly commission = new Map<string, Money>();
  /** The figures of every position, account and margin leg, as columns (tables.ts). */
  private readonly positionTable = new PositionTable();
  private readonly accountTable = new AccountTable();
  private readonly legTable = new LegTable();
  private readonly valuations = new Valuations();

  private readonly changedPositions = new Set<string>();
  private readonly removedPositions = new Set<string>();
  private readonly changedAccounts = new Set<string>();
  private readonly removedAccounts = new Set<string>();
  private quotesMoved = false;
  private revaluedThisFrame = false;
  private positionCursor: Iterator<LivePosition> | undefined;
  private accountCursor: Iterator<LiveAccount> | undefined;
  /** Per window, the accounts in its viewport as last sent to it (only those in view). */
  private readonly shownAccounts = new Map<string, Map<string, ShownFigures>>();

  constructor(
    private readonly clientOf: ClientLookup,
    // 100 rows a frame: a 20,000-position book is refreshed off screen every ~10 s, while what a
    // window shows moves every frame. Larger slices saturated the page (measured in BENCHMARKS.md).
    private readonly options: BookOptions = { positionSlice: 100, accountSlice: 100 },
    private readonly routingOf: RoutingLookup = () => 'B',
  ) {}

  /** The routing map changed: every row is sent again with its new Book column. */
  rerouted(): void {
    for (const id of this.accounts.keys()) this.changedAccounts.add(id);
    for (const id of this.positions.keys()) this.changedPositions.add(id);
  }

  private bookColumn(live: LiveAccount | undefined): BookColumn {
    if (live === undefined) return 'B';
    if (live.group?.coverage) return 'Coverage';
    return this.routingOf(live.server, live.account.group);
  }

  get openPositions(): number {
    return this.positions.size;
  }

  serverBook(server: ServerId): ServerBook {
    let book = this.servers.get(server);
    if (!book) {
      book = new ServerBook(server);
      this.servers.set(server, book);
    }
    return book;
  }

  /** Commission already paid by open positions, from the cache at start. */
  seedCommission(server: ServerId, ticket: number, commission: Money): void {
    this.commission.set(positionId(server, ticket), commission);
  }

  apply(events: readonly SyncEvent[]): void {
    for (const event of events) this.applyOne(event);
  }

  private applyOne(event: SyncEvent): void {
    const book = this.serverBook(event.server);
    switch (event.type) {
      case 'tick':
        book.setTick(event.tick);
        this.quotesMoved = true;
        return;
      case 'symbol.update':
        book.setSymbol(event.symbol);
        this.reresolve(event.server, (live) => live.legs.has(event.symbol.symbol));
        return;
      case 'group.update':
        book.groups.set(event.group.group, event.group);
        this.reresolve(event.server, (live) => live.account.group === event.group.group);
        return;
      case 'account.add':
      case 'account.update':
        this.upsertAccount(event.server, event.account);
        return;
      case 'account.delete':
        this.removeAccount(accountId(event.server, event.login));
        return;
      case 'position.add':
      case 'position.update':
        this.upsertPosition(event.server, event.position);
        return;
      case 'position.delete':
        this.removePosition(positionId(event.server, event.ticket));
        return;
      case 'deal.add': {
        const deal = event.deal;
        if (deal.positionId === 0 || deal.commission === 0 || deal.entry === DealEntry.OUT_BY) return;
        const id = positionId(event.server, deal.positionId);
        this.commission.set(id, (this.commission.get(id) ?? 0) + deal.commission);
        if (this.positions.has(id)) this.changedPositions.add(id);
        return;
      }
      default:
        // Orders (pending exposure) and source status are other engines' business.
        return;
    }
  }

  /** A symbol or group definition changed: re-resolve the accounts it touches (rare). */
  private reresolve(server: ServerId, touches: (live: LiveAccount) => boolean): void {
    for (const live of this.accounts.values()) {
      if (live.server !== server || !touches(live)) continue;
      this.resolveAccount(live);
      this.changedAccounts.add(live.id);
      for (const position of live.positions) this.changedPositions.add(position.id);
    }
    this.quotesMoved = true;
  }

  private upsertAccount(server: ServerId, account: Account): void {
    const id = accountId(server, account.login);
    let live = this.accounts.get(id);
    const regrouped = !live || live.account.group !== account.group || live.account.leverage !== account.leverage;
    if (!live) {
      live = {
        id,
        server,
        account,
        group: undefined,
        row: -1,
        positions: [],
        legs: new Map(),
        sentEquity: Number.NaN,
        sentMargin: Number.NaN,
      };
      this.accounts.set(id, live);
      this.accountTable.add(live);
      const waiting = this.orphans.get(id);
      this.orphans.delete(id);
      for (const position of waiting ?? []) this.attach(live, position);
    }
    live.account = account;
    this.accountTable.deposit[live.row] = account.balance + account.credit;
    this.accountTable.leverage[live.row] = account.leverage;
    this.removedAccounts.delete(id);
    this.changedAccounts.add(id);
    if (regrouped) {
      // Currency, levels or leverage may have changed: every position of the account is re-resolved.
      this.resolveAccount(live);
      for (const position of live.positions) this.changedPositions.add(position.id);
    }
    this.revalueAccount(live);
  }

  private removeAccount(id: string): void {
    const live = this.accounts.get(id);
    if (!live) return;
    this.accounts.delete(id);
    for (const position of live.positions) {
      position.account = undefined;
      position.slot = -1;
      this.positionTable.account[position.row] = -1;
      this.positionTable.valuation[position.row] = -1;
      this.orphanOf(id).add(position);
    }
    live.positions.length = 0;
    for (const legs of live.legs.values()) this.legTable.release(legs);
    live.legs.clear();
    // Another account's row may move into the freed one: its positions and legs follow it.
    const moved = this.accountTable.release(live);
    if (moved) {
      for (const position of moved.positions) this.positionTable.account[position.row] = moved.row;
      for (const legs of moved.legs.values()) this.legTable.account[legs.row] = moved.row;
    }
    this.changedAccounts.delete(id);
    this.removedAccounts.add(id);
  }

  private orphanOf(id: string): Set<LivePosition> {
    let set = this.orphans.get(id);
    if (!set) {
      set = new Set();
      this.orphans.set(id, set);
    }
    return set;
  }

  private upsertPosition(server: ServerId, position: Position): void {
    const id = positionId(server, position.ticket);
    let live = this.positions.get(id);
    const table = this.positionTable;
    if (live) {
      if (live.account) this.detach(live.account, live);
      else this.orphans.get(accountId(server, live.position.login))?.delete(live);
      live.position = position;
    } else {
      live = {
        id,
        server,
        position,
        row: -1,
        account: undefined,
        slot: -1,
        sentPrice: Number.NaN,
        sentProfit: Number.NaN,
      };
      this.positions.set(id, live);
      table.add(live);
      // Until the symbol has a quote and a conversion, the server's own figures.
      table.priceCurrent[live.row] = position.priceCurrent;
      table.profit[live.row] = position.profit;
    }
    const row = live.row;
    table.action[row] = position.action;
    table.volume[row] = position.volume;
    table.priceOpen[row] = position.priceOpen;
    table.swap[row] = position.swap;
    this.removedPositions.delete(id);
    this.changedPositions.add(id);
    const owner = accountId(server, position.login);
    const account = this.accounts.get(owner);
    if (!account) {
      this.orphanOf(owner).add(live);
      return;
    }
    this.attach(account, live);
    this.revalueAccount(account);
  }

  private removePosition(id: string): void {
    const live = this.positions.get(id);
    if (!live) return;
    this.positions.delete(id);
    this.commission.delete(id);
    this.changedPositions.delete(id);
    this.removedPositions.add(id);
    if (live.account) {
      const account = live.account;
      this.detach(account, live);
      this.revalueAccount(account);
    } else {
      this.orphans.get(accountId(live.server, live.position.login))?.delete(live);
    }
    this.positionTable.release(live);
  }

  private attach(account: LiveAccount, live: LivePosition): void {
    live.account = account;
    live.slot = account.positions.length;
    account.positions.push(live);
    this.positionTable.account[live.row] = account.row;
    const legs = this.legsOf(account, live.position.symbol);
    if (live.position.action === PositionAction.BUY) legs.buy += live.position.volume;
    else legs.sell += live.position.volume;
    this.legTable.volume[legs.row] = legs.buy + legs.sell;
    this.resolvePosition(live);
  }

  private detach(account: LiveAccount, live: LivePosition): void {
    if (account.positions[live.slot] !== live) return;
    const last = account.positions.pop() as LivePosition;
    if (last !== live) {
      account.positions[live.slot] = last;
      last.slot = live.slot;
    }
    live.slot = -1;
    this.positionTable.account[live.row] = -1;
    const legs = account.legs.get(live.position.symbol);
    if (!legs) return;
    if (live.position.action === PositionAction.BUY) legs.buy -= live.position.volume;
    else legs.sell -= live.position.volume;
    this.legTable.volume[legs.row] = legs.buy + legs.sell;
    if (legs.buy === 0 && legs.sell === 0) {
      account.legs.delete(live.position.symbol);
      this.legTable.release(legs);
    }
  }

  private legsOf(account: LiveAccount, symbol: string): SymbolLegs {
    let legs = account.legs.get(symbol);
    if (!legs) {
      legs = { buy: 0, sell: 0, row: -1 };
      account.legs.set(symbol, legs);
      const row = this.legTable.add(legs, account.row);
      this.legTable.valuation[row] = this.valuationOf(account, symbol);
    }
    return legs;
  }

  private valuationOf(account: LiveAccount, symbol: string): number {
    return this.valuations.of(this.serverBook(account.server), symbol, account.group?.currency);
  }

  /** Looks up the account's group and re-resolves its legs and positions against it. */
  private resolveAccount(live: LiveAccount): void {
    live.group = this.serverBook(live.server).groups.get(live.account.group);
    this.accountTable.groups[live.row] = live.group;
    for (const [symbol, legs] of live.legs) this.legTable.valuation[legs.row] = this.valuationOf(live, symbol);
    for (const position of live.positions) this.resolvePosition(position);
  }

  /** Binds the position to its valuation and values it now: its account's currency may just have changed. */
  private resolvePosition(live: LivePosition): void {
    const index = live.account ? this.valuationOf(live.account, live.position.symbol) : -1;
    this.positionTable.valuation[live.row] = index;
    const v = this.valuations.list[index];
    if (v) this.positionTable.revalueRow(live.row, v);
  }

  /** One account's figures from its own rows (a position or account event between frames). */
  private revalueAccount(live: LiveAccount): void {
    const table = this.positionTable;
    let floating = 0;
    for (const position of live.positions)
      floating += (table.profit[position.row] as number) + (table.swap[position.row] as number);
    this.settleAccount(live, floating, this.marginOf(live, live.account.leverage));
  }

  /** The account's margin at the current quotes, its legs summed in table order as the frame does. */
  private marginOf(live: LiveAccount, leverage: number): number {
    const rows = [...live.legs.values()].map((legs) => legs.row).sort((x, y) => x - y);
    let margin = 0;
    for (const row of rows) margin += legMargin(this.legTable, row, this.valuations.list, leverage);
    return margin;
  }

  private settleAccount(live: LiveAccount, floating: Money, marginSum: number): void {
    // Crossing a level is news: it goes out in the next frame, not with the slices.
    if (this.accountTable.settle(live.row, floating, marginSum)) this.changedAccounts.add(live.id);
  }

  /**
   * Once per frame, if any quote moved since the last one: every position revalued and summed into
   * its account, every leg's margin summed, then every account settled. Three passes over columns.
   */
  revalue(): void {
    this.revaluedThisFrame = this.quotesMoved;
    if (!this.quotesMoved) return;
    this.quotesMoved = false;
    const valuations = this.valuations.list;
    const positions = this.positionTable;
    const accounts = this.accountTable;
    const legs = this.legTable;
    accounts.floating.fill(0, 0, accounts.size);
    accounts.marginSum.fill(0, 0, accounts.size);
    for (let i = 0; i < positions.size; i++) {
      const v = valuations[positions.valuation[i] as number];
      if (v) positions.revalueRow(i, v);
      const a = positions.account[i] as number;
      if (a >= 0)
        accounts.floating[a] =
          (accounts.floating[a] as number) + (positions.profit[i] as number) + (positions.swap[i] as number);
    }
    for (let j = 0; j < legs.size; j++) {
      const a = legs.account[j] as number;
      accounts.marginSum[a] =
        (accounts.marginSum[a] as number) + legMargin(legs, j, valuations, accounts.leverage[a] as number);
    }
    for (let a = 0; a < accounts.size; a++) {
      if (accounts.settle(a, accounts.floating[a] as number, accounts.marginSum[a] as number))
        this.changedAccounts.add(this.accountTable.ownerOf(a).id);
    }
  }

  /** The frame's rows: structural changes, this frame's slices, and each window's viewport. */
  takeDeltas(viewports: ReadonlyMap<string, WindowViewport>): BookDeltas {
    const positions: RowDelta<PositionRow> = { upserts: [], removes: [...this.removedPositions] };
    for (const id of this.changedPositions) {
      const live = this.positions.get(id);
      if (live) positions.upserts.push(this.sentPositionRow(live));
    }
    this.changedPositions.clear();
    this.removedPositions.clear();
    this.slicePositions(positions.upserts);

    const accounts: RowDelta<AccountRow> = { upserts: [], removes: [...this.removedAccounts] };
    for (const id of this.changedAccounts) {
      const live = this.accounts.get(id);
      if (live) accounts.upserts.push(this.sentAccountRow(live));
    }
    this.changedAccounts.clear();
    this.removedAccounts.clear();
    this.sliceAccounts(accounts.upserts);

    const windows: BookDeltas['viewports'] = new Map();
    for (const [windowId, viewport] of viewports) {
      const rows = {
        positions: this.viewedPositions(viewport.positions),
        accounts: this.viewedAccounts(windowId, viewport.accounts),
      };
      if (rows.positions.length > 0 || rows.accounts.length > 0) windows.set(windowId, rows);
    }
    for (const windowId of this.shownAccounts.keys()) if (!viewports.has(windowId)) this.shownAccounts.delete(windowId);
    this.revaluedThisFrame = false;
    return { positions, accounts, viewports: windows };
  }

  /** Positions in view, every frame the quotes moved: nearly all of them move with the price. */
  private viewedPositions(ids: ReadonlySet<string>): PositionRow[] {
    const rows: PositionRow[] = [];
    if (!this.revaluedThisFrame) return rows;
    for (const id of ids) {
      const live = this.positions.get(id);
      if (live) rows.push(this.rowOf(live));
    }
    return rows;
  }

  /**
   * Accounts in view whose equity or margin moved since this window was last sent them, and those
   * just scrolled into view. Unlike positions, many accounts in view hold nothing open and never
   * move; re-sending them would only make the page compare unchanged rows every frame.
   */
  private viewedAccounts(windowId: string, ids: ReadonlySet<string>): AccountRow[] {
    const before = this.shownAccounts.get(windowId);
    const shown = new Map<string, ShownFigures>();
    const rows: AccountRow[] = [];
    for (const id of ids) {
      const live = this.accounts.get(id);
      if (!live) continue;
      const equity = this.accountTable.equity[live.row] as number;
      const margin = this.accountTable.margin[live.row] as number;
      const last = before?.get(id);
      if (last && last.equity === equity && last.margin === margin) {
        shown.set(id, last);
        continue;
      }
      rows.push(this.accountRowOf(live));
      shown.set(id, { equity, margin });
    }
    this.shownAccounts.set(windowId, shown);
    return rows;
  }

  private slicePositions(into: PositionRow[]): void {
    this.positionCursor ??= this.positions.values();
    for (let i = 0; i < this.options.positionSlice; i++) {
      const next = this.positionCursor.next();
      if (next.done) {
        this.positionCursor = undefined;
        return;
      }
      const live: LivePosition = next.value;
      const row = live.row;
      if (this.positionTable.priceCurrent[row] !== live.sentPrice || this.positionTable.profit[row] !== live.sentProfit)
        into.push(this.sentPositionRow(live));
    }
  }

  private sliceAccounts(into: AccountRow[]): void {
    this.accountCursor ??= this.accounts.values();
    for (let i = 0; i < this.options.accountSlice; i++) {
      const next = this.accountCursor.next();
      if (next.done) {
        this.accountCursor = undefined;
        return;
      }
      const live: LiveAccount = next.value;
      const row = live.row;
      if (this.accountTable.equity[row] !== live.sentEquity || this.accountTable.margin[row] !== live.sentMargin)
        into.push(this.sentAccountRow(live));
    }
  }

  private sentPositionRow(live: LivePosition): PositionRow {
    const row = this.rowOf(live);
    live.sentPrice = row.priceCurrent;
    live.sentProfit = row.profit;
    return row;
  }

  private sentAccountRow(live: LiveAccount): AccountRow {
    const row = this.accountRowOf(live);
    live.sentEquity = row.equity;
    live.sentMargin = row.margin;
    return row;
  }

  private accountRowOf(live: LiveAccount): AccountRow {
    return accountRow(live, this.accountTable, this.clientOf(live.server, live.account.login), this.bookColumn(live));
  }

  private rowOf(live: LivePosition): PositionRow {
    return positionRow(
      live,
      this.positionTable,
      this.serverBook(live.server),
      this.clientOf(live.server, live.position.login),
      this.commission.get(live.id) ?? 0,
      this.bookColumn(live.account),
    );
  }

  /** Live margin, equity and leverage of one account (for exposure's margin utilisation). */
  accountFigures(server: ServerId, login: number): { margin: Money; equity: Money; leverage: number } | undefined {
    const live = this.accounts.get(accountId(server, login));
    if (!live) return undefined;
    const table = this.accountTable;
    return {
      margin: table.margin[live.row] as Money,
      equity: table.equity[live.row] as Money,
      leverage: live.account.leverage,
    };
  }

  /**
   * The account as it would stand with another leverage or group (a dealer's impact preview): the
   * same positions at the same quotes, margined at the new leverage; the new group brings its own
   * margin-call and stop-out levels. Undefined for an unknown account or group.
   */
  whatIf(
    server: ServerId,
    login: number,
    change: { leverage?: number; group?: string },
  ): { equity: Money; margin: Money; group: GroupSpec } | undefined {
    const live = this.accounts.get(accountId(server, login));
    const group = change.group === undefined ? live?.group : this.serverBook(server).groups.get(change.group);
    if (!live || !group) return undefined;
    const margin = moneyFromDouble(this.marginOf(live, change.leverage ?? live.account.leverage));
    return { equity: this.accountTable.equity[live.row] as Money, margin, group };
  }

  /** The account's group (currency, levels, coverage), for alerts about its deals and margin. */
  groupOf(server: ServerId, login: number): GroupSpec | undefined {
    return this.accounts.get(accountId(server, login))?.group;
  }

  /** Every account holding margin, with its live figures (margin alerts watch these). */
  *marginedAccounts(): Generator<{ server: ServerId; login: number; group: GroupSpec; equity: Money; margin: Money }> {
    const table = this.accountTable;
    for (const live of this.accounts.values()) {
      const margin = table.margin[live.row] as Money;
      if (margin > 0 && live.group) {
        yield {
          server: live.server,
          login: live.account.login,
          group: live.group,
          equity: table.equity[live.row] as Money,
          margin,
        };
      }
    }
  }

  /** An amount in `from` converted to `to` at the server's quotes, in cents; null without a route. */
  convertMoney(server: ServerId, amount: Money, from: string, to: string): Money | null {
    const converted = this.serverBook(server)
      .rate(from, to)
      .convert(amount / 100);
    return converted === undefined ? null : moneyFromDouble(converted);
  }

  /** Rows for positions by ticket (drill-downs), skipping any that closed meanwhile. */
  positionRowsOf(refs: readonly { server: ServerId; ticket: number }[]): PositionRow[] {
    const rows: PositionRow[] = [];
    for (const ref of refs) {
      const live = this.positions.get(positionId(ref.server, ref.ticket));
      if (live) rows.push(this.rowOf(live));
    }
    return rows;
  }

  positionRows(filter: BookFilter = {}): PositionRow[] {
    const rows: PositionRow[] = [];
    for (const live of this.positions.values()) {
      if (filter.server !== undefined && live.server !== filter.server) continue;
      if (filter.login !== undefined && live.position.login !== filter.login) continue;
      if (filter.symbol !== undefined && live.position.symbol !== filter.symbol) continue;
      if (filter.group !== undefined && live.account?.account.group !== filter.group) continue;
      rows.push(this.rowOf(live));
    }
    return rows;
  }

  /** One account's row, by key (no scan). */
  accountRow(server: ServerId, login: number): AccountRow | undefined {
    const live = this.accounts.get(accountId(server, login));
    return live && this.accountRowOf(live);
  }

  accountRows(filter: BookFilter = {}): AccountRow[] {
    const rows: AccountRow[] = [];
    for (const live of this.accounts.values()) {
      if (filter.server !== undefined && live.server !== filter.server) continue;
      if (filter.login !== undefined && live.account.login !== filter.login) continue;
      if (filter.group !== undefined && live.account.group !== filter.group) continue;
      if (filter.symbol !== undefined && !live.legs.has(filter.symbol)) continue;
      rows.push(this.accountRowOf(live));
    }
    return rows;
  }
}
