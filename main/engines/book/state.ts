/**
 * The book's state records: one per server, per open position and per account, and the shared
 * valuations (symbol, quote cell, conversions) their figures are computed with. The figures
 * themselves live in flat tables (tables.ts), so a frame's revaluation is arithmetic over columns.
 */
import type { Account, GroupSpec, Position, ServerId, SymbolSpec, Tick } from '../../../shared/domain';
import { applyRoute, conversionRoute, type FxPairIndex, indexFxPairs } from '../../../shared/pricing';
import type { Money } from '../../../shared/units';

/** A symbol's latest quote, updated in place so every position on it sees the new price. */
export interface QuoteCell {
  bid: number;
  ask: number;
}

/**
 * A conversion from one currency to another, its route (shared/pricing.ts) bound to the live
 * quote cells of its pairs, so converting is the shared arithmetic on the current quotes with no
 * lookups. Re-resolved only when the server's symbols change.
 */
const quoteOfLeg = (leg: { quote: QuoteCell }): QuoteCell => leg.quote;

export class RateCell {
  private symbolsEpoch = -1;
  private legs: readonly { quote: QuoteCell; inverse: boolean }[] | undefined;

  constructor(
    private readonly book: ServerBook,
    readonly from: string,
    readonly to: string,
  ) {}

  /** The amount in `to`, or undefined while no quote bridges the two currencies. */
  convert(amount: number): number | undefined {
    if (this.from === this.to || amount === 0) return amount;
    if (this.symbolsEpoch !== this.book.symbolsEpoch) {
      this.symbolsEpoch = this.book.symbolsEpoch;
      this.legs = this.book.routeOf(this.from, this.to);
    }
    return this.legs === undefined ? undefined : applyRoute(amount, this.legs, quoteOfLeg);
  }
}

export class ServerBook {
  readonly symbols = new Map<string, SymbolSpec>();
  readonly groups = new Map<string, GroupSpec>();
  readonly quotes = new Map<string, QuoteCell>();
  /** Bumped whenever a symbol is defined or changed: rate cells re-resolve their routes. */
  symbolsEpoch = 0;
  private readonly rates = new Map<string, RateCell>();
  private fx: FxPairIndex | undefined;

  constructor(readonly server: ServerId) {}

  setSymbol(spec: SymbolSpec): void {
    this.symbols.set(spec.symbol, spec);
    this.fx = undefined;
    this.symbolsEpoch++;
  }

  quote(symbol: string): QuoteCell {
    let cell = this.quotes.get(symbol);
    if (!cell) {
      cell = { bid: 0, ask: 0 };
      this.quotes.set(symbol, cell);
    }
    return cell;
  }

  setTick(tick: Tick): void {
    const cell = this.quote(tick.symbol);
    cell.bid = tick.bid;
    cell.ask = tick.ask;
  }

  rate(from: string, to: string): RateCell {
    const key = `${from}>${to}`;
    let cell = this.rates.get(key);
    if (!cell) {
      cell = new RateCell(this, from, to);
      this.rates.set(key, cell);
    }
    return cell;
  }

  /** The route between two currencies, its legs bound to their quote cells. */
  routeOf(from: string, to: string): { quote: QuoteCell; inverse: boolean }[] | undefined {
    this.fx ??= indexFxPairs(this.symbols.values());
    return conversionRoute(from, to, this.fx)?.map((leg) => ({ quote: this.quote(leg.symbol), inverse: leg.inverse }));
  }
}

/**
 * What valuing a symbol in one account currency needs, shared by every position and margin leg of
 * that symbol in accounts of that currency (a few dozen objects for the whole book, so they stay
 * in cache while the frame walks 20,000 positions).
 */
export interface Valuation {
  spec: SymbolSpec;
  quote: QuoteCell;
  /** Profit currency → account currency. */
  profitRate: RateCell;
  /** Margin currency → account currency. */
  marginRate: RateCell;
}

/** The shared valuations, by index (what the tables store). */
export class Valuations {
  readonly list: Valuation[] = [];
  private readonly index = new Map<string, number>();

  /**
   * The index of `symbol` valued in `currency`, or -1 while the symbol or the currency is unknown.
   * A symbol whose definition changed is re-bound in place; the book then re-resolves its accounts.
   */
  of(book: ServerBook, symbol: string, currency: string | undefined): number {
    const spec = book.symbols.get(symbol);
    if (!spec || !currency) return -1;
    const key = `${book.server}\u0000${symbol}\u0000${currency}`;
    const known = this.index.get(key);
    if (known !== undefined) {
      const v = this.list[known] as Valuation;
      if (v.spec !== spec) Object.assign(v, this.bind(book, spec, currency));
      return known;
    }
    this.list.push({ ...this.bind(book, spec, currency), quote: book.quote(symbol) });
    this.index.set(key, this.list.length - 1);
    return this.list.length - 1;
  }

  private bind(book: ServerBook, spec: SymbolSpec, currency: string) {
    return {
      spec,
      profitRate: book.rate(spec.currencyProfit, currency),
      marginRate: book.rate(spec.currencyMargin, currency),
    };
  }
}

/** An open position's record; its figures live in the book's PositionTable at `row`. */
export interface LivePosition {
  readonly id: string;
  readonly server: ServerId;
  position: Position;
  /** Row in the PositionTable. */
  row: number;
  account: LiveAccount | undefined;
  /** Index in `account.positions`, for O(1) removal. */
  slot: number;
  /** What the last broadcast row carried, so unchanged rows are not re-sent. */
  sentPrice: number;
  sentProfit: Money;
}

/** Open volume of one symbol in one account; the LegTable row holds its total for margin. */
export interface SymbolLegs {
  buy: number;
  sell: number;
  /** Row in the LegTable. */
  row: number;
}

/** An account's record; its live figures live in the book's AccountTable at `row`. */
export interface LiveAccount {
  readonly id: string;
  readonly server: ServerId;
  account: Account;
  group: GroupSpec | undefined;
  /** Row in the AccountTable. */
  row: number;
  readonly positions: LivePosition[];
  /** Open volume per symbol and side, for margin. */
  readonly legs: Map<string, SymbolLegs>;
  sentEquity: Money;
  sentMargin: Money;
}

export const positionId = (server: ServerId, ticket: number): string => `${server}:${ticket}`;
export const accountId = (server: ServerId, login: number): string => `${server}:${login}`;
