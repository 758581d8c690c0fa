/**
 * Currency conversion on a hot path: margin sweeps convert thousands of amounts between the same
 * few currencies, so each route (shared/pricing.ts `conversionRoute`) is resolved once per pair of
 * currencies, with its legs bound to the catalog's symbols, and replayed with the shared arithmetic
 * (`applyRoute`), so results equal `convert` to the last bit (conversion.test.ts holds it to that).
 */
import { applyRoute, conversionRoute } from '../../../shared/pricing';
import type { Catalog, SymbolInfo } from './catalog';
import type { QuoteBook } from './quotes';

interface Leg {
  symbol: SymbolInfo;
  inverse: boolean;
}

/** Legs in order; empty means the same currency. Undefined: no pair can bridge the two. */
type Route = readonly Leg[] | undefined;

export class CurrencyConverter {
  /** By source, then target currency: no key string is built on the hot path. */
  private readonly routes = new Map<string, Map<string, Route>>();

  /** Made once: a closure per conversion would allocate on the hot path. */
  private readonly quoteOf: (leg: Leg) => ReturnType<QuoteBook['get']>;

  constructor(
    private readonly catalog: Catalog,
    quotes: QuoteBook,
  ) {
    this.quoteOf = (leg) => quotes.get(leg.symbol);
  }

  /** As `convert(amount, from, to, fx, quotes)`; undefined when no route or a quote is missing. */
  convert(amount: number, from: string, to: string): number | undefined {
    if (from === to || amount === 0) return amount;
    const route = this.route(from, to);
    return route === undefined ? undefined : applyRoute(amount, route, this.quoteOf);
  }

  private route(from: string, to: string): Route {
    let byTarget = this.routes.get(from);
    if (byTarget === undefined) {
      byTarget = new Map();
      this.routes.set(from, byTarget);
    }
    if (byTarget.has(to)) return byTarget.get(to);
    const legs = conversionRoute(from, to, this.catalog.fx)?.map((leg) => ({
      symbol: this.catalog.symbol(leg.symbol),
      inverse: leg.inverse,
    }));
    const route = legs?.every((leg): leg is Leg => leg.symbol !== undefined) ? legs : undefined;
    byTarget.set(to, route);
    return route;
  }
}
