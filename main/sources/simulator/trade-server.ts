/**
 * The trade server's ledger: executes market deals, pending orders, close-by, swap rollover,
 * stop-out and balance deals with MT5's netting and hedging semantics (MT5-PROTOCOL.md §4), and
 * reports every change through the journal. It decides nothing by itself: traders, the coverage
 * dealer and dealer operations call it, which keeps it deterministic and testable by hand.
 */
import type { Account, Deal, Login, Order, Position } from '../../../shared/domain';
import {
  CommissionEntry,
  CREDIT_ACTIONS,
  DealEntry,
  MarginSOMode,
  OrderState,
  OrderType,
  Reason,
  Retcode,
  UserRights,
} from '../../../shared/mt5';
import { type Money, moneyFromDouble, type TimeMsc, VOLUME_PER_LOT, type Volume } from '../../../shared/units';
import type { Catalog, GroupInfo, SymbolInfo } from './catalog';
import type { Journal } from './journal';
import type { QuoteBook } from './quotes';
import type { AccountOpening, LiveAccount, LiveOrder, LivePosition, MarginSnapshot } from './state';
import { Valuation } from './valuation';

/** Trade retcodes beyond the ones the desk names in shared/mt5.ts (MT5-PROTOCOL.md §3). */
export const TradeRetcode = {
  PLACED: 10008,
  INVALID_VOLUME: 10014,
  INVALID_PRICE: 10015,
  POSITION_CLOSED: 10036,
} as const;

export interface MarketOrder {
  login: Login;
  symbol: SymbolInfo;
  /** Deal direction: 0 buy, 1 sell. */
  action: 0 | 1;
  volume: Volume;
  reason?: number;
  comment?: string;
  /** Hedging: the position this order closes (MT5 request `Position`). Netting ignores it. */
  position?: number;
  /** The pending order being filled; otherwise a new market order ticket is issued. */
  orderTicket?: number;
}

export interface TradeResult {
  retcode: number;
  deal?: Deal;
  /** The position the deal opened, changed or reversed into; absent when it closed one. */
  position?: LivePosition;
}

export interface PendingRequest {
  login: Login;
  symbol: SymbolInfo;
  type: number;
  volume: Volume;
  price: number;
  comment?: string;
}

export interface FilledOrder {
  order: LiveOrder;
  result: TradeResult;
}

export interface TradeServerOptions {
  catalog: Catalog;
  quotes: QuoteBook;
  journal: Journal;
  /** The virtual clock: every record is stamped with it. */
  clock: () => TimeMsc;
  firstOrderTicket?: number;
  firstDealTicket?: number;
}

const NONE: readonly FilledOrder[] = [];
/** The longest an account far from stop-out goes unchecked, in sweeps. */
const MAX_SWEEPS_SKIPPED = 8;
const opposite = (action: 0 | 1): 0 | 1 => (action === 0 ? 1 : 0);
const signed = (p: LivePosition): number => (p.action === 0 ? p.volume : -p.volume);
/** Cents rounded half away from zero, so a charge and a refund of the same size mirror each other. */
const roundCents = (x: number): Money => Math.sign(x) * Math.round(Math.abs(x));

export class TradeServer {
  readonly valuation: Valuation;
  private readonly accounts = new Map<Login, LiveAccount>();
  private readonly positions = new Map<number, LivePosition>();
  private readonly orders = new Map<number, LiveOrder>();
  private readonly ordersBySymbol: LiveOrder[][];
  /**
   * Accounts due for a margin check, bucketed by the sweep that must check them (a timing wheel):
   * a sweep touches only its own bucket, never every account with positions.
   */
  private readonly marginWheel: LiveAccount[][] = Array.from({ length: MAX_SWEEPS_SKIPPED + 1 }, () => []);
  /** Margin sweeps run so far. */
  private sweeps = 0;
  /** Per symbol: signed volume of client (non-coverage) positions. */
  private readonly clientNetBySymbol: number[];
  private nextOrderTicket: number;
  private nextDealTicket: number;

  constructor(private readonly options: TradeServerOptions) {
    this.valuation = new Valuation(options.catalog, options.quotes);
    const count = options.catalog.symbols.length;
    this.ordersBySymbol = Array.from({ length: count }, () => []);
    this.clientNetBySymbol = new Array<number>(count).fill(0);
    this.nextOrderTicket = options.firstOrderTicket ?? 5_000_001;
    this.nextDealTicket = options.firstDealTicket ?? 1_000_001;
  }

  private get now(): TimeMsc {
    return this.options.clock();
  }

  // ── lookups ────────────────────────────────────────────────────────────────────────────────

  account(login: Login): LiveAccount | undefined {
    return this.accounts.get(login);
  }

  position(ticket: number): LivePosition | undefined {
    return this.positions.get(ticket);
  }

  order(ticket: number): LiveOrder | undefined {
    return this.orders.get(ticket);
  }

  get openPositionCount(): number {
    return this.positions.size;
  }

  clientNet(symbol: SymbolInfo): Volume {
    return this.clientNetBySymbol[symbol.index] ?? 0;
  }

  snapshot(account: LiveAccount): MarginSnapshot {
    return this.valuation.snapshot(account);
  }

  // ── accounts and money ─────────────────────────────────────────────────────────────────────

  openAccount(opening: AccountOpening): LiveAccount {
    const account: LiveAccount = {
      ...opening,
      balance: 0,
      credit: 0,
      positions: [],
      orders: [],
      marginCheckDue: 0,
      queuedForSweep: 0,
    };
    this.accounts.set(account.login, account);
    this.publishAccount(account, true);
    return account;
  }

  /**
   * Books a balance-type deal (actions 2..6 and the other non-trade actions) without checks:
   * the amount goes to Credit for CREDIT_ACTIONS, otherwise to Balance. Callers validate.
   */
  bookBalance(
    account: LiveAccount,
    action: number,
    amount: Money,
    comment: string,
    reason: number = Reason.DEALER,
  ): Deal {
    const deal = this.book(account, {
      action,
      entry: DealEntry.IN,
      symbol: '',
      volume: 0,
      price: 0,
      pricePosition: 0,
      profit: amount,
      commission: 0,
      swap: 0,
      positionId: 0,
      order: 0,
      reason,
      contractSize: 0,
      comment,
    });
    this.publishAccount(account, false);
    return deal;
  }

  /** Applies a user change already validated by the caller and reports it. */
  changeUser(account: LiveAccount, change: { group?: GroupInfo; leverage?: number; rights?: number }): void {
    if (change.group !== undefined) this.regroup(account, change.group);
    if (change.leverage !== undefined) account.leverage = change.leverage;
    if (change.rights !== undefined) account.rights = change.rights;
    this.publishAccount(account, false);
  }

  // ── market deals ───────────────────────────────────────────────────────────────────────────

  execute(order: MarketOrder): TradeResult {
    const account = this.accounts.get(order.login);
    if (account === undefined) return { retcode: Retcode.REQUEST_INVALID };
    const reason = order.reason ?? Reason.CLIENT;
    if (reason === Reason.CLIENT && (account.rights & UserRights.TRADE_DISABLED) !== 0) {
      return { retcode: Retcode.REQUEST_TRADE_DISABLED };
    }
    if (!onVolumeGrid(order.symbol, order.volume)) return { retcode: TradeRetcode.INVALID_VOLUME };
    return account.group.hedging
      ? this.executeHedging(account, order, reason)
      : this.executeNetting(account, order, reason);
  }

  /** Closes `volume` of a position (all of it by default) at market. */
  close(ticket: number, volume?: Volume, reason: number = Reason.CLIENT, comment = ''): TradeResult {
    const p = this.positions.get(ticket);
    if (p === undefined) return { retcode: TradeRetcode.POSITION_CLOSED };
    return this.execute({
      login: p.login,
      symbol: p.symbol,
      action: opposite(p.action),
      volume: volume ?? p.volume,
      reason,
      comment,
      position: ticket,
    });
  }

  /**
   * Hedging close-by: both positions offset at `byTicket`'s open price, two OUT_BY deals, and only
   * the first carries the combined profit (and, for exit-charged groups, the whole commission).
   * Each deal carries the swap of its own position's closed part. The larger position survives.
   */
  closeBy(ticket: number, byTicket: number, reason: number = Reason.CLIENT): TradeResult {
    const p = this.positions.get(ticket);
    const by = this.positions.get(byTicket);
    if (p === undefined || by === undefined) return { retcode: TradeRetcode.POSITION_CLOSED };
    const account = this.accounts.get(p.login);
    if (account === undefined || !account.group.hedging) return { retcode: Retcode.REQUEST_INVALID };
    if (by.login !== p.login || by.symbol !== p.symbol || by.action === p.action || ticket === byTicket) {
      return { retcode: Retcode.REQUEST_INVALID };
    }
    const volume = Math.min(p.volume, by.volume);
    const orderTicket = this.nextOrderTicket++;
    const entryMode = account.group.spec.commissionEntry;
    const currency = account.group.spec.currency;
    const price = by.priceOpen;
    const first = this.book(account, {
      action: opposite(p.action),
      entry: DealEntry.OUT_BY,
      symbol: p.symbol.spec.symbol,
      volume,
      price,
      pricePosition: p.priceOpen,
      profit: this.valuation.profit(p.symbol, p.action, volume, p.priceOpen, price, currency),
      commission: entryMode === CommissionEntry.IN ? 0 : this.commission(account.group, volume * 2),
      swap: this.takeSwap(p, volume),
      positionId: p.ticket,
      order: orderTicket,
      reason,
      contractSize: p.symbol.spec.contractSize,
      comment: `close #${p.ticket} by #${by.ticket}`,
    });
    this.book(account, {
      action: opposite(by.action),
      entry: DealEntry.OUT_BY,
      symbol: by.symbol.spec.symbol,
      volume,
      price,
      pricePosition: by.priceOpen,
      profit: 0,
      commission: 0,
      swap: this.takeSwap(by, volume),
      positionId: by.ticket,
      order: orderTicket,
      reason,
      contractSize: by.symbol.spec.contractSize,
      comment: `close #${by.ticket} by #${p.ticket}`,
    });
    this.reduce(account, p, volume);
    this.reduce(account, by, volume);
    this.publishAccount(account, false);
    const survivor = this.positions.get(p.ticket) ?? this.positions.get(by.ticket);
    return survivor === undefined
      ? { retcode: Retcode.REQUEST_DONE, deal: first }
      : { retcode: Retcode.REQUEST_DONE, deal: first, position: survivor };
  }

  private executeHedging(account: LiveAccount, order: MarketOrder, reason: number): TradeResult {
    if (order.position !== undefined) {
      const p = this.positions.get(order.position);
      if (p === undefined || p.login !== account.login) return { retcode: TradeRetcode.POSITION_CLOSED };
      if (p.symbol !== order.symbol || p.action === order.action) return { retcode: Retcode.REQUEST_INVALID };
      if (order.volume > p.volume) return { retcode: TradeRetcode.INVALID_VOLUME };
      const orderTicket = order.orderTicket ?? this.nextOrderTicket++;
      const deal = this.closePart(account, p, order.volume, DealEntry.OUT, orderTicket, reason, order.comment ?? '');
      this.reduce(account, p, order.volume);
      this.publishAccount(account, false);
      const left = this.positions.get(p.ticket);
      return left === undefined
        ? { retcode: Retcode.REQUEST_DONE, deal }
        : { retcode: Retcode.REQUEST_DONE, deal, position: left };
    }
    if (order.volume > order.symbol.spec.volumeMax) return { retcode: TradeRetcode.INVALID_VOLUME };
    if (!this.hasFreeMargin(account, order.symbol, order.action, order.volume))
      return { retcode: Retcode.REQUEST_NO_MONEY };
    const orderTicket = order.orderTicket ?? this.nextOrderTicket++;
    return this.openNew(account, order, orderTicket, reason);
  }

  private executeNetting(account: LiveAccount, order: MarketOrder, reason: number): TradeResult {
    const p = account.positions.find((x) => x.symbol === order.symbol);
    // VolumeMax limits what one deal opens; closing a position built from several deals is always allowed.
    const opening = p === undefined || p.action === order.action ? order.volume : order.volume - p.volume;
    if (opening > order.symbol.spec.volumeMax) return { retcode: TradeRetcode.INVALID_VOLUME };
    if (p === undefined) {
      if (!this.hasFreeMargin(account, order.symbol, order.action, order.volume))
        return { retcode: Retcode.REQUEST_NO_MONEY };
      return this.openNew(account, order, order.orderTicket ?? this.nextOrderTicket++, reason);
    }
    if (p.action === order.action) return this.addToPosition(account, p, order, reason);
    if (order.volume <= p.volume) {
      const orderTicket = order.orderTicket ?? this.nextOrderTicket++;
      const deal = this.closePart(account, p, order.volume, DealEntry.OUT, orderTicket, reason, order.comment ?? '');
      this.reduce(account, p, order.volume);
      this.publishAccount(account, false);
      const left = this.positions.get(p.ticket);
      return left === undefined
        ? { retcode: Retcode.REQUEST_DONE, deal }
        : { retcode: Retcode.REQUEST_DONE, deal, position: left };
    }
    return this.reverse(account, p, order, reason);
  }

  /** Netting IN on an existing position: volume grows, the open price becomes the volume-weighted average. */
  private addToPosition(account: LiveAccount, p: LivePosition, order: MarketOrder, reason: number): TradeResult {
    if (!this.hasFreeMargin(account, order.symbol, order.action, order.volume))
      return { retcode: Retcode.REQUEST_NO_MONEY };
    const orderTicket = order.orderTicket ?? this.nextOrderTicket++;
    const price = this.valuation.openingPrice(p.symbol, order.action);
    const deal = this.bookEntry(account, order, price, p.ticket, orderTicket, reason);
    const volume = p.volume + order.volume;
    p.priceOpen = (p.priceOpen * p.volume + price * order.volume) / volume;
    this.resize(p, volume);
    this.publishPosition(account, p, false);
    this.publishAccount(account, false);
    return { retcode: Retcode.REQUEST_DONE, deal, position: p };
  }

  /**
   * Netting reversal: one INOUT deal closes the old position and opens the rest the other way.
   * The new position's ticket is the reversing order's (MT5-PROTOCOL.md §4), so the desk sees a
   * delete of the old ticket and an add of the new. The deal's positionId names the position it
   * closed; its order is the new position's ticket.
   */
  private reverse(account: LiveAccount, p: LivePosition, order: MarketOrder, reason: number): TradeResult {
    const excess = order.volume - p.volume;
    if (!this.hasFreeMargin(account, order.symbol, order.action, excess)) return { retcode: Retcode.REQUEST_NO_MONEY };
    const orderTicket = order.orderTicket ?? this.nextOrderTicket++;
    const price = this.valuation.openingPrice(p.symbol, order.action);
    const currency = account.group.spec.currency;
    const deal = this.book(account, {
      action: order.action,
      entry: DealEntry.INOUT,
      symbol: p.symbol.spec.symbol,
      volume: order.volume,
      price,
      pricePosition: p.priceOpen,
      profit: this.valuation.profit(p.symbol, p.action, p.volume, p.priceOpen, price, currency),
      commission: this.entryCommission(account.group, DealEntry.INOUT, excess, p.volume),
      swap: p.swap,
      positionId: p.ticket,
      order: orderTicket,
      reason,
      contractSize: p.symbol.spec.contractSize,
      comment: order.comment ?? '',
    });
    this.detach(account, p);
    const reversed = this.attach(account, {
      ticket: orderTicket,
      login: account.login,
      symbol: p.symbol,
      action: order.action,
      volume: excess,
      priceOpen: price,
      swap: 0,
      timeCreateMsc: this.now,
      reason,
      comment: order.comment ?? '',
    });
    this.publishAccount(account, false);
    return { retcode: Retcode.REQUEST_DONE, deal, position: reversed };
  }

  private openNew(account: LiveAccount, order: MarketOrder, orderTicket: number, reason: number): TradeResult {
    const price = this.valuation.openingPrice(order.symbol, order.action);
    const deal = this.bookEntry(account, order, price, orderTicket, orderTicket, reason);
    const position = this.attach(account, {
      ticket: orderTicket,
      login: account.login,
      symbol: order.symbol,
      action: order.action,
      volume: order.volume,
      priceOpen: price,
      swap: 0,
      timeCreateMsc: this.now,
      reason,
      comment: order.comment ?? '',
    });
    this.publishAccount(account, false);
    return { retcode: Retcode.REQUEST_DONE, deal, position };
  }

  /** The closing deal for `volume` of `p` at market; the caller resizes or removes the position. */
  private closePart(
    account: LiveAccount,
    p: LivePosition,
    volume: Volume,
    entry: number,
    orderTicket: number,
    reason: number,
    comment: string,
  ): Deal {
    const action = opposite(p.action);
    const price = this.valuation.openingPrice(p.symbol, action);
    return this.book(account, {
      action,
      entry,
      symbol: p.symbol.spec.symbol,
      volume,
      price,
      pricePosition: p.priceOpen,
      profit: this.valuation.profit(p.symbol, p.action, volume, p.priceOpen, price, account.group.spec.currency),
      commission: this.entryCommission(account.group, entry, 0, volume),
      swap: this.takeSwap(p, volume),
      positionId: p.ticket,
      order: orderTicket,
      reason,
      contractSize: p.symbol.spec.contractSize,
      comment,
    });
  }

  // ── pending orders ─────────────────────────────────────────────────────────────────────────

  placeOrder(request: PendingRequest): { retcode: number; order?: LiveOrder } {
    const account = this.accounts.get(request.login);
    if (account === undefined) return { retcode: Retcode.REQUEST_INVALID };
    if ((account.rights & UserRights.TRADE_DISABLED) !== 0) return { retcode: Retcode.REQUEST_TRADE_DISABLED };
    if (request.type < OrderType.BUY_LIMIT || request.type > OrderType.SELL_STOP)
      return { retcode: Retcode.REQUEST_INVALID };
    if (!onVolumeGrid(request.symbol, request.volume) || request.volume > request.symbol.spec.volumeMax) {
      return { retcode: TradeRetcode.INVALID_VOLUME };
    }
    if (!this.validPendingPrice(request)) return { retcode: TradeRetcode.INVALID_PRICE };
    const order: LiveOrder = {
      ticket: this.nextOrderTicket++,
      login: account.login,
      symbol: request.symbol,
      type: request.type,
      volume: request.volume,
      priceOrder: request.price,
      timeSetupMsc: this.now,
      comment: request.comment ?? '',
    };
    this.orders.set(order.ticket, order);
    account.orders.push(order);
    (this.ordersBySymbol[order.symbol.index] as LiveOrder[]).push(order);
    this.options.journal.order(this.orderRecord(order), true);
    return { retcode: TradeRetcode.PLACED, order };
  }

  cancelOrder(ticket: number): number {
    const order = this.orders.get(ticket);
    if (order === undefined) return Retcode.ERR_NOTFOUND;
    this.removeOrder(order);
    return Retcode.REQUEST_DONE;
  }

  /**
   * Fills the symbol's pending orders the new quote crossed: buy orders watch the ask, sell
   * orders the bid; limits fill at or better than their price, stops once it is passed. The fill
   * is at market, as MT5's market execution does. An order the account can no longer afford is
   * removed unfilled.
   */
  triggerOrders(symbol: SymbolInfo): readonly FilledOrder[] {
    const waiting = this.ordersBySymbol[symbol.index] as LiveOrder[];
    if (waiting.length === 0) return NONE;
    const quote = this.options.quotes.get(symbol);
    if (quote === undefined) return NONE;
    let filled: FilledOrder[] | undefined;
    for (let i = 0; i < waiting.length; i++) {
      const order = waiting[i] as LiveOrder;
      if (!crossed(order, quote.bid, quote.ask)) continue;
      filled ??= [];
      filled.push({ order, result: { retcode: 0 } });
    }
    if (filled === undefined) return NONE;
    for (const fill of filled) {
      this.removeOrder(fill.order);
      const isBuy = fill.order.type === OrderType.BUY_LIMIT || fill.order.type === OrderType.BUY_STOP;
      fill.result = this.execute({
        login: fill.order.login,
        symbol,
        action: isBuy ? 0 : 1,
        volume: fill.order.volume,
        orderTicket: fill.order.ticket,
        comment: fill.order.comment,
      });
    }
    return filled;
  }

  // ── server jobs: swap and stop-out ─────────────────────────────────────────────────────────

  /**
   * Daily rollover: each open position accrues its symbol's swap (points per lot per day, `days`
   * at once on triple-swap day) into its Storage, in account cents.
   */
  accrueSwap(days: number): void {
    for (const p of this.positions.values()) {
      const spec = p.symbol.spec;
      const points = p.action === 0 ? spec.swapLong : spec.swapShort;
      const inProfitCurrency = (points * spec.tickSize * spec.contractSize * p.volume * days) / VOLUME_PER_LOT;
      const account = this.accounts.get(p.login) as LiveAccount;
      const currency = account.group.spec.currency;
      const amount = moneyFromDouble(this.valuation.toCurrency(inProfitCurrency, spec.currencyProfit, currency));
      if (amount === 0) continue;
      p.swap += amount;
      this.publishPosition(account, p, false);
    }
  }

  /**
   * One margin sweep: checks the accounts due now that hold a symbol which moved since the last
   * sweep. An account far above its stop-out level is due again only after a few sweeps
   * (`scheduleMarginCheck`), since only a large move can bring it down; any trade or money
   * change re-arms it at once.
   */
  checkMargins(moved: (symbol: SymbolInfo) => boolean): void {
    const sweep = ++this.sweeps;
    const slot = sweep % this.marginWheel.length;
    const due = this.marginWheel[slot] as LiveAccount[];
    this.marginWheel[slot] = [];
    for (const account of due) {
      // Stale entries: rescheduled since, or already checked in this sweep.
      if (account.marginCheckDue !== sweep || account.positions.length === 0) continue;
      if (account.positions.some((p) => moved(p.symbol))) this.enforceStopOut(account.login);
      else this.queueMarginCheck(account, sweep + 1);
    }
  }

  /**
   * Stop-out: while the account's margin level is under its group's stop-out level, close its
   * largest losing position (reason SO). Returns how many positions were closed.
   */
  enforceStopOut(login: Login): number {
    const account = this.accounts.get(login);
    if (account === undefined) return 0;
    let closed = 0;
    while (account.positions.length > 0) {
      const snap = this.valuation.snapshot(account);
      const level = stopOutMeasure(account.group, snap);
      this.scheduleMarginCheck(account, level);
      if (level === undefined || level >= account.group.spec.marginStopOut) break;
      const worst = this.largestLoser(account);
      if (worst === undefined) break;
      const label =
        account.group.spec.marginSOMode === MarginSOMode.PERCENT ? `${level.toFixed(2)}%` : level.toFixed(2);
      const result = this.close(worst.ticket, undefined, Reason.SO, `[so ${label}]`);
      if (result.retcode !== Retcode.REQUEST_DONE) break; // cannot happen for a dealer-side close; never spin
      closed++;
    }
    return closed;
  }

  /** The next check by headroom: at ×8 the stop-out level or more it waits 8 sweeps, under ×2 none. */
  private scheduleMarginCheck(account: LiveAccount, level: number | undefined): void {
    const stopOut = account.group.spec.marginStopOut;
    const headroom = level === undefined || stopOut <= 0 ? MAX_SWEEPS_SKIPPED : level / stopOut;
    const wait = headroom >= MAX_SWEEPS_SKIPPED ? MAX_SWEEPS_SKIPPED : headroom >= 4 ? 4 : headroom >= 2 ? 2 : 1;
    this.queueMarginCheck(account, this.sweeps + wait);
  }

  private queueMarginCheck(account: LiveAccount, sweep: number): void {
    account.marginCheckDue = sweep;
    // Accounts without positions wait off the wheel; opening one publishes the account and re-queues it.
    if (account.positions.length === 0 || account.queuedForSweep === sweep) return;
    account.queuedForSweep = sweep;
    (this.marginWheel[sweep % this.marginWheel.length] as LiveAccount[]).push(account);
  }

  private largestLoser(account: LiveAccount): LivePosition | undefined {
    const currency = account.group.spec.currency;
    let worst: LivePosition | undefined;
    let worstProfit = 0;
    for (const p of account.positions) {
      const profit = this.valuation.floatingProfit(p, currency) + p.swap;
      if (profit < worstProfit) {
        worst = p;
        worstProfit = profit;
      }
    }
    return worst;
  }

  // ── bookkeeping ────────────────────────────────────────────────────────────────────────────

  /** An IN deal for `order` into position `positionId`: no profit, the group's entry commission. */
  private bookEntry(
    account: LiveAccount,
    order: MarketOrder,
    price: number,
    positionId: number,
    orderTicket: number,
    reason: number,
  ): Deal {
    return this.book(account, {
      action: order.action,
      entry: DealEntry.IN,
      symbol: order.symbol.spec.symbol,
      volume: order.volume,
      price,
      pricePosition: 0,
      profit: 0,
      commission: this.entryCommission(account.group, DealEntry.IN, order.volume, 0),
      swap: 0,
      positionId,
      order: orderTicket,
      reason,
      contractSize: order.symbol.spec.contractSize,
      comment: order.comment ?? '',
    });
  }

  private book(account: LiveAccount, fields: Omit<Deal, 'ticket' | 'login' | 'timeMsc'>): Deal {
    const deal: Deal = { ticket: this.nextDealTicket++, login: account.login, timeMsc: this.now, ...fields };
    if (CREDIT_ACTIONS.has(deal.action)) account.credit += deal.profit;
    else account.balance += deal.profit + deal.commission + deal.swap;
    this.options.journal.deal(deal);
    return deal;
  }

  /**
   * Instant commission by the group's entry mode: ALL charges every deal's volume, IN only what
   * opens (on a reversal the new volume), OUT only what closes (on a reversal the closed volume).
   */
  private entryCommission(group: GroupInfo, entry: number, opened: Volume, closed: Volume): Money {
    const mode = group.spec.commissionEntry;
    if (entry === DealEntry.IN) return mode === CommissionEntry.OUT ? 0 : this.commission(group, opened);
    if (entry === DealEntry.OUT) return mode === CommissionEntry.IN ? 0 : this.commission(group, closed);
    if (mode === CommissionEntry.IN) return this.commission(group, opened);
    if (mode === CommissionEntry.OUT) return this.commission(group, closed);
    return this.commission(group, opened + closed);
  }

  private commission(group: GroupInfo, volume: Volume): Money {
    const perLot = group.spec.commissionPerLot;
    return perLot === 0 ? 0 : roundCents((perLot * volume) / VOLUME_PER_LOT);
  }

  /**
   * The swap a closing deal carries. On a partial close the share is proportional to the volume
   * closed (how MT5 splits it is UNCERTAIN in MT5-PROTOCOL.md §4); the rest stays on the position.
   */
  private takeSwap(p: LivePosition, volume: Volume): Money {
    if (p.swap === 0) return 0;
    const share = volume >= p.volume ? p.swap : roundCents((p.swap * volume) / p.volume);
    p.swap -= share;
    return share;
  }

  private attach(account: LiveAccount, p: LivePosition): LivePosition {
    this.positions.set(p.ticket, p);
    account.positions.push(p);
    if (!account.group.spec.coverage) this.clientNetBySymbol[p.symbol.index] = this.clientNet(p.symbol) + signed(p);
    this.publishPosition(account, p, true);
    return p;
  }

  private detach(account: LiveAccount, p: LivePosition): void {
    this.positions.delete(p.ticket);
    const at = account.positions.indexOf(p);
    if (at >= 0) account.positions.splice(at, 1);
    if (!account.group.spec.coverage) this.clientNetBySymbol[p.symbol.index] = this.clientNet(p.symbol) - signed(p);
    this.options.journal.positionClosed(p.ticket, p.login);
  }

  /** Takes `volume` off a position: deleted at zero, otherwise updated with its open price unchanged. */
  private reduce(account: LiveAccount, p: LivePosition, volume: Volume): void {
    if (volume >= p.volume) {
      this.detach(account, p);
      return;
    }
    this.resize(p, p.volume - volume);
    this.publishPosition(account, p, false);
  }

  private resize(p: LivePosition, volume: Volume): void {
    const account = this.accounts.get(p.login);
    if (account !== undefined && !account.group.spec.coverage) {
      const delta = (volume - p.volume) * (p.action === 0 ? 1 : -1);
      this.clientNetBySymbol[p.symbol.index] = this.clientNet(p.symbol) + delta;
    }
    p.volume = volume;
  }

  /** A group change moves the account's positions between the client and the coverage books. */
  private regroup(account: LiveAccount, group: GroupInfo): void {
    if (account.group.spec.coverage !== group.spec.coverage) {
      const direction = group.spec.coverage ? -1 : 1;
      for (const p of account.positions) {
        this.clientNetBySymbol[p.symbol.index] = this.clientNet(p.symbol) + direction * signed(p);
      }
    }
    account.group = group;
  }

  private removeOrder(order: LiveOrder): void {
    this.orders.delete(order.ticket);
    const account = this.accounts.get(order.login);
    if (account !== undefined) {
      const at = account.orders.indexOf(order);
      if (at >= 0) account.orders.splice(at, 1);
    }
    const waiting = this.ordersBySymbol[order.symbol.index] as LiveOrder[];
    const at = waiting.indexOf(order);
    if (at >= 0) waiting.splice(at, 1);
    this.options.journal.orderRemoved(order.ticket, order.login);
  }

  private hasFreeMargin(account: LiveAccount, symbol: SymbolInfo, action: 0 | 1, volume: Volume): boolean {
    const currency = account.group.spec.currency;
    const snap = this.valuation.snapshot(account);
    const needed = moneyFromDouble(this.valuation.margin(symbol, action, volume, account.leverage, currency));
    return needed <= snap.equity - snap.margin;
  }

  private validPendingPrice(request: PendingRequest): boolean {
    const quote = this.options.quotes.get(request.symbol);
    if (quote === undefined || !(request.price > 0)) return false;
    switch (request.type) {
      case OrderType.BUY_LIMIT:
        return request.price < quote.ask;
      case OrderType.SELL_LIMIT:
        return request.price > quote.bid;
      case OrderType.BUY_STOP:
        return request.price > quote.ask;
      default:
        return request.price < quote.bid;
    }
  }

  // ── records ────────────────────────────────────────────────────────────────────────────────

  publishAccount(account: LiveAccount, isNew: boolean): void {
    const snap = this.valuation.snapshot(account);
    this.scheduleMarginCheck(account, stopOutMeasure(account.group, snap));
    const record: Account = {
      login: account.login,
      group: account.group.spec.group,
      name: account.name,
      leverage: account.leverage,
      rights: account.rights,
      country: account.country,
      balance: account.balance,
      credit: account.credit,
      margin: snap.margin,
      equity: snap.equity,
      floating: snap.floating,
      registrationMsc: account.registrationMsc,
    };
    this.options.journal.account(record, isNew);
  }

  private publishPosition(account: LiveAccount, p: LivePosition, isNew: boolean): void {
    const record: Position = {
      ticket: p.ticket,
      login: p.login,
      symbol: p.symbol.spec.symbol,
      action: p.action,
      volume: p.volume,
      priceOpen: p.priceOpen,
      priceCurrent: this.valuation.closingPrice(p.symbol, p.action),
      priceSL: 0,
      priceTP: 0,
      profit: this.valuation.floatingProfit(p, account.group.spec.currency),
      swap: p.swap,
      timeCreateMsc: p.timeCreateMsc,
      timeUpdateMsc: this.now,
      reason: p.reason,
      comment: p.comment,
    };
    this.options.journal.position(record, isNew);
  }

  private orderRecord(order: LiveOrder): Order {
    return {
      ticket: order.ticket,
      login: order.login,
      symbol: order.symbol.spec.symbol,
      type: order.type,
      state: OrderState.PLACED,
      volumeInitial: order.volume,
      volumeCurrent: order.volume,
      priceOrder: order.priceOrder,
      priceTrigger: 0,
      priceSL: 0,
      priceTP: 0,
      timeSetupMsc: order.timeSetupMsc,
      comment: order.comment,
    };
  }
}

/** At least the minimum and on the step grid; the maximum is checked on what a deal opens. */
function onVolumeGrid(symbol: SymbolInfo, volume: Volume): boolean {
  const { volumeMin, volumeStep } = symbol.spec;
  return Number.isSafeInteger(volume) && volume >= volumeMin && volume % volumeStep === 0;
}

function crossed(order: LiveOrder, bid: number, ask: number): boolean {
  switch (order.type) {
    case OrderType.BUY_LIMIT:
      return ask <= order.priceOrder;
    case OrderType.SELL_LIMIT:
      return bid >= order.priceOrder;
    case OrderType.BUY_STOP:
      return ask >= order.priceOrder;
    default:
      return bid <= order.priceOrder;
  }
}

/** Margin level in % (percent mode) or equity in currency units (money mode); undefined without margin. */
export function stopOutMeasure(group: GroupInfo, snap: MarginSnapshot): number | undefined {
  if (snap.margin <= 0) return undefined;
  // Money-mode levels are in currency units, equity is in cents.
  return group.spec.marginSOMode === MarginSOMode.PERCENT ? (snap.equity * 100) / snap.margin : snap.equity / 100;
}
