/** The book's state records: one per server, per open position and per account. */
import type { Account, GroupSpec, Position, ServerId, SymbolSpec, Tick } from '../../../shared/domain';
import { type FxPairIndex, indexFxPairs } from '../../../shared/pricing';
import type { MarginState } from '../../../shared/rows';
import type { Money } from '../../../shared/units';
import { RateCache } from './valuation';

export class ServerBook {
  readonly symbols = new Map<string, SymbolSpec>();
  readonly groups = new Map<string, GroupSpec>();
  readonly ticks = new Map<string, Tick>();
  readonly rates: RateCache;
  private fx: FxPairIndex | undefined;

  constructor(readonly server: ServerId) {
    this.rates = new RateCache(
      () => {
        this.fx ??= indexFxPairs(this.symbols.values());
        return this.fx;
      },
      (symbol) => this.ticks.get(symbol),
    );
  }

  setSymbol(spec: SymbolSpec): void {
    this.symbols.set(spec.symbol, spec);
    this.fx = undefined;
    this.rates.invalidate();
  }
}

export interface LivePosition {
  readonly id: string;
  readonly server: ServerId;
  position: Position;
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
}

export interface LiveAccount {
  readonly id: string;
  readonly server: ServerId;
  account: Account;
  readonly positionIds: Set<string>;
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
