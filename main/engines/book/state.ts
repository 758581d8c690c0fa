/**
 * The book's state records: one per server, per open position and per account. Positions and
 * accounts hold direct references to what valuing them needs (their quote, symbol, rate), so a
 * frame's revaluation of the whole book is arithmetic, not map lookups.
 */
import type { Account, GroupSpec, Position, ServerId, SymbolSpec, Tick } from '../../../shared/domain';
import { applyRoute, conversionRoute, type FxPairIndex, indexFxPairs } from '../../../shared/pricing';
import type { MarginState } from '../../../shared/rows';
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

/** What valuing a position needs, resolved once when the position, its account or its symbol change. */
export interface Valuation {
  spec: SymbolSpec;
  quote: QuoteCell;
  /** Profit currency → account currency. */
  profitRate: RateCell;
}

export interface LivePosition {
  readonly id: string;
  readonly server: ServerId;
  position: Position;
  /**
   * The figures valuation reads, copied from `position` into this one record shape: positions
   * arrive in several object shapes (events, SQLite rows), and reading those in the hot loop
   * costs several times more than reading these.
   */
  action: number;
  volume: number;
  priceOpen: number;
  swap: Money;
  account: LiveAccount | undefined;
  /** Index in `account.positions`, for O(1) removal. */
  slot: number;
  valuation: Valuation | undefined;
  /** Live figures; until the symbol has a quote, the server's own. */
  priceCurrent: number;
  profit: Money;
  /** What the last broadcast row carried, so unchanged rows are not re-sent. */
  sentPrice: number;
  sentProfit: Money;
}

export interface SymbolLegs {
  buy: number;
  sell: number;
  spec: SymbolSpec | undefined;
  quote: QuoteCell;
  /** Margin currency → account currency. */
  marginRate: RateCell | undefined;
}

export interface LiveAccount {
  readonly id: string;
  readonly server: ServerId;
  account: Account;
  group: GroupSpec | undefined;
  /** An array, not a Set: the whole book is walked every frame and array iteration is far cheaper. */
  readonly positions: LivePosition[];
  /** Open volume per symbol and side, for margin. */
  readonly legs: Map<string, SymbolLegs>;
  floating: Money;
  margin: Money;
  equity: Money;
  marginState: MarginState;
  sentEquity: Money;
  sentMargin: Money;
}

export const positionId = (server: ServerId, ticket: number): string => `${server}:${ticket}`;
export const accountId = (server: ServerId, login: number): string => `${server}:${login}`;
