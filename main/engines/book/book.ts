/**
 * The desk's live book: every open position and account of every server, valued at the latest
 * ticks. It consumes what the cache applied (so it never sees a duplicate), revalues once per
 * frame, and hands out grid rows:
 * - structural changes (a new, changed or closed position; a balance or group change; an account
 *   crossing into margin call) go to every window in the next frame;
 * - price revaluations go every frame for the rows a window shows (its viewport) and, for the
 *   rest of the book, in round-robin slices, so a 20,000-position book refreshes about once a
 *   second without flooding a window with 400,000 row updates a second.
 */
import type { Account, Position, ServerId } from '../../../shared/domain';
import type { SyncEvent } from '../../../shared/events';
import { DealEntry } from '../../../shared/mt5';
import type { AccountRow, PositionRow, RowDelta } from '../../../shared/rows';
import { type Money, moneyFromDouble } from '../../../shared/units';
import { accountRow, type ClientRef, positionRow } from './rows';
import { accountId, type LiveAccount, type LivePosition, positionId, ServerBook } from './state';
import { marginStateOf, symbolMargin, valuePosition } from './valuation';

export interface BookFilter {
  server?: string;
  login?: number;
  symbol?: string;
  group?: string;
}

export interface BookDeltas {
  positions: RowDelta<PositionRow>;
  accounts: RowDelta<AccountRow>;
  /** Per window: revalued rows of its viewport. */
  viewports: Map<string, PositionRow[]>;
}

export interface BookOptions {
  /** Positions revalued for every window per frame beyond the viewports. */
  positionSlice: number;
  accountSlice: number;
}

export type ClientLookup = (server: ServerId, login: number) => ClientRef | undefined;

export class DeskBook {
  private readonly servers = new Map<ServerId, ServerBook>();
  private readonly positions = new Map<string, LivePosition>();
  private readonly accounts = new Map<string, LiveAccount>();
  /** Commission paid so far per open position (from its deals), cents. */
  private readonly commission = new Map<string, Money>();

  private readonly changedPositions = new Set<string>();
  private readonly removedPositions = new Set<string>();
  private readonly changedAccounts = new Set<string>();
  private readonly removedAccounts = new Set<string>();
  private quotesMoved = false;
  private revaluedThisFrame = false;
  private positionCursor: Iterator<LivePosition> | undefined;
  private accountCursor: Iterator<LiveAccount> | undefined;

  constructor(
    private readonly clientOf: ClientLookup,
    private readonly options: BookOptions = { positionSlice: 1000, accountSlice: 500 },
  ) {}

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
        book.ticks.set(event.tick.symbol, event.tick);
        book.rates.invalidate();
        this.quotesMoved = true;
        return;
      case 'symbol.update':
        book.setSymbol(event.symbol);
        this.quotesMoved = true;
        return;
      case 'group.update':
        book.groups.set(event.group.group, event.group);
        for (const live of this.accounts.values()) {
          if (live.server === event.server && live.account.group === event.group.group) this.revalueAccount(live);
        }
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

  private upsertAccount(server: ServerId, account: Account): void {
    const id = accountId(server, account.login);
    let live = this.accounts.get(id);
    if (!live) {
      live = {
        id,
        server,
        account,
        positionIds: new Set(),
        legs: new Map(),
        floating: 0,
        margin: 0,
        equity: account.balance + account.credit,
        marginState: 'ok',
        sentEquity: Number.NaN,
        sentMargin: Number.NaN,
      };
      this.accounts.set(id, live);
      // Positions that arrived before their account are attached now.
      for (const position of this.positions.values()) {
        if (position.server === server && position.position.login === account.login) this.attach(live, position);
      }
    }
    const regrouped = live.account.group !== account.group || live.account.leverage !== account.leverage;
    live.account = account;
    this.removedAccounts.delete(id);
    this.changedAccounts.add(id);
    if (regrouped) {
      // Currency or leverage may have changed: every position of the account is revalued.
      for (const pid of live.positionIds) {
        const position = this.positions.get(pid);
        if (position) this.revaluePosition(position, live);
      }
    }
    this.revalueAccount(live);
  }

  private removeAccount(id: string): void {
    if (!this.accounts.delete(id)) return;
    this.changedAccounts.delete(id);
    this.removedAccounts.add(id);
  }

  private upsertPosition(server: ServerId, position: Position): void {
    const id = positionId(server, position.ticket);
    let live = this.positions.get(id);
    const account = this.accounts.get(accountId(server, position.login));
    if (live) {
      if (account) this.detach(account, live);
      live.position = position;
    } else {
      live = {
        id,
        server,
        position,
        priceCurrent: position.priceCurrent,
        profit: position.profit,
        sentPrice: Number.NaN,
        sentProfit: Number.NaN,
      };
      this.positions.set(id, live);
    }
    this.removedPositions.delete(id);
    this.changedPositions.add(id);
    if (account) {
      this.attach(account, live);
      this.revaluePosition(live, account);
      this.revalueAccount(account);
    }
  }

  private removePosition(id: string): void {
    const live = this.positions.get(id);
    if (!live) return;
    this.positions.delete(id);
    this.commission.delete(id);
    this.changedPositions.delete(id);
    this.removedPositions.add(id);
    const account = this.accounts.get(accountId(live.server, live.position.login));
    if (account) {
      this.detach(account, live);
      this.revalueAccount(account);
    }
  }

  private attach(account: LiveAccount, live: LivePosition): void {
    account.positionIds.add(live.id);
    const legs = account.legs.get(live.position.symbol) ?? { buy: 0, sell: 0 };
    if (live.position.action === 0) legs.buy += live.position.volume;
    else legs.sell += live.position.volume;
    account.legs.set(live.position.symbol, legs);
  }

  private detach(account: LiveAccount, live: LivePosition): void {
    if (!account.positionIds.delete(live.id)) return;
    const legs = account.legs.get(live.position.symbol);
    if (!legs) return;
    if (live.position.action === 0) legs.buy -= live.position.volume;
    else legs.sell -= live.position.volume;
    if (legs.buy === 0 && legs.sell === 0) account.legs.delete(live.position.symbol);
  }

  private currencyOf(account: LiveAccount): string | undefined {
    return this.servers.get(account.server)?.groups.get(account.account.group)?.currency;
  }

  private revaluePosition(live: LivePosition, account: LiveAccount): void {
    const book = this.serverBook(live.server);
    const spec = book.symbols.get(live.position.symbol);
    const currency = this.currencyOf(account);
    if (!spec || !currency) return;
    const p = live.position;
    const value = valuePosition(spec, p.action, p.volume, p.priceOpen, book.ticks.get(p.symbol), currency, book.rates);
    if (!value) return;
    live.priceCurrent = value.priceCurrent;
    live.profit = value.profit;
  }

  private revalueAccount(live: LiveAccount): void {
    const book = this.serverBook(live.server);
    const group = book.groups.get(live.account.group);
    let floating = 0;
    for (const pid of live.positionIds) {
      const position = this.positions.get(pid);
      if (position) floating += position.profit + position.position.swap;
    }
    let margin = 0;
    if (group) {
      for (const [symbol, legs] of live.legs) {
        const spec = book.symbols.get(symbol);
        if (!spec) continue;
        margin += symbolMargin(
          spec,
          legs.buy,
          legs.sell,
          book.ticks.get(symbol),
          live.account.leverage,
          group.currency,
          book.rates,
        );
      }
    }
    live.floating = floating;
    live.margin = moneyFromDouble(margin);
    live.equity = live.account.balance + live.account.credit + floating;
    const state = group ? marginStateOf(group, live.equity, live.margin) : 'ok';
    if (state !== live.marginState) {
      // Crossing a level is news: it goes out in the next frame, not with the slices.
      live.marginState = state;
      this.changedAccounts.add(live.id);
    }
  }

  /** Once per frame: revalue the whole book if any quote moved since the last frame. */
  revalue(): void {
    this.revaluedThisFrame = this.quotesMoved;
    if (!this.quotesMoved) return;
    this.quotesMoved = false;
    for (const live of this.accounts.values()) {
      if (live.positionIds.size === 0) continue;
      for (const pid of live.positionIds) {
        const position = this.positions.get(pid);
        if (position) this.revaluePosition(position, live);
      }
      this.revalueAccount(live);
    }
  }

  /** The frame's rows: structural changes, this frame's slices, and each window's viewport. */
  takeDeltas(viewports: ReadonlyMap<string, ReadonlySet<string>>): BookDeltas {
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

    const windows = new Map<string, PositionRow[]>();
    if (this.revaluedThisFrame) {
      for (const [windowId, ids] of viewports) {
        const rows: PositionRow[] = [];
        for (const id of ids) {
          const live = this.positions.get(id);
          if (live) rows.push(this.rowOf(live));
        }
        if (rows.length > 0) windows.set(windowId, rows);
      }
    }
    this.revaluedThisFrame = false;
    return { positions, accounts, viewports: windows };
  }

  private slicePositions(into: PositionRow[]): void {
    this.positionCursor ??= this.positions.values();
    for (let i = 0; i < this.options.positionSlice; i++) {
      const next = this.positionCursor.next();
      if (next.done) {
        this.positionCursor = undefined;
        return;
      }
      const live = next.value;
      if (live.priceCurrent !== live.sentPrice || live.profit !== live.sentProfit)
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
      const live = next.value;
      if (live.equity !== live.sentEquity || live.margin !== live.sentMargin) into.push(this.sentAccountRow(live));
    }
  }

  private sentPositionRow(live: LivePosition): PositionRow {
    live.sentPrice = live.priceCurrent;
    live.sentProfit = live.profit;
    return this.rowOf(live);
  }

  private sentAccountRow(live: LiveAccount): AccountRow {
    live.sentEquity = live.equity;
    live.sentMargin = live.margin;
    return accountRow(live, this.serverBook(live.server), this.clientOf(live.server, live.account.login));
  }

  private rowOf(live: LivePosition): PositionRow {
    const account = this.accounts.get(accountId(live.server, live.position.login));
    return positionRow(
      live,
      account,
      this.serverBook(live.server),
      this.clientOf(live.server, live.position.login),
      this.commission.get(live.id) ?? 0,
    );
  }

  positionRows(filter: BookFilter = {}): PositionRow[] {
    const rows: PositionRow[] = [];
    for (const live of this.positions.values()) {
      if (filter.server !== undefined && live.server !== filter.server) continue;
      if (filter.login !== undefined && live.position.login !== filter.login) continue;
      if (filter.symbol !== undefined && live.position.symbol !== filter.symbol) continue;
      const row = this.rowOf(live);
      if (filter.group !== undefined && row.group !== filter.group) continue;
      rows.push(row);
    }
    return rows;
  }

  accountRows(filter: BookFilter = {}): AccountRow[] {
    const rows: AccountRow[] = [];
    for (const live of this.accounts.values()) {
      if (filter.server !== undefined && live.server !== filter.server) continue;
      if (filter.login !== undefined && live.account.login !== filter.login) continue;
      if (filter.group !== undefined && live.account.group !== filter.group) continue;
      if (filter.symbol !== undefined && !live.legs.has(filter.symbol)) continue;
      rows.push(accountRow(live, this.serverBook(live.server), this.clientOf(live.server, live.account.login)));
    }
    return rows;
  }
}
