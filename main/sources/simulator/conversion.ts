/**
 * Currency conversion on a hot path. `convert` in shared/pricing.ts finds its route (direct pair,
 * inverse pair, or through USD) on every call; margin sweeps convert thousands of amounts between
 * the same few currencies, so the route is resolved once per currency pair here and replayed with
 * the same arithmetic in the same order — the results are identical to `convert`, bit for bit
 * (conversion.test.ts holds it to that).
 */
import type { FxPairIndex } from '../../../shared/pricing';
import type { Catalog, SymbolInfo } from './catalog';
import type { QuoteBook } from './quotes';

const PIVOT = 'USD';

/** One leg: multiply by a direct pair or divide by an inverse one, at the side the sign picks. */
interface Leg {
  symbol: SymbolInfo;
  inverse: boolean;
}

/** Legs in order; empty means the same currency. Undefined route: no quote can bridge the two. */
type Route = readonly Leg[] | undefined;

export class CurrencyConverter {
  private readonly routes = new Map<string, Map<string, Route>>();

  constructor(
    private readonly catalog: Catalog,
    private readonly quotes: QuoteBook,
  ) {}

  /** As `convert(amount, from, to, fx, quotes)`; undefined when no route or a quote is missing. */
  convert(amount: number, from: string, to: string): number | undefined {
    if (from === to || amount === 0) return amount;
    const route = this.route(from, to);
    if (route === undefined) return undefined;
    let value = amount;
    for (const leg of route) {
      const quote = this.quotes.get(leg.symbol);
      if (quote === undefined || !(quote.bid > 0)) return undefined;
      if (leg.inverse) value = value / (value >= 0 ? quote.ask : quote.bid);
      else value = value * (value >= 0 ? quote.bid : quote.ask);
    }
    return value;
  }

  private route(from: string, to: string): Route {
    let byTarget = this.routes.get(from);
    if (byTarget === undefined) {
      byTarget = new Map();
      this.routes.set(from, byTarget);
    }
    if (byTarget.has(to)) return byTarget.get(to);
    const route = this.resolve(from, to);
    byTarget.set(to, route);
    return route;
  }

  private resolve(from: string, to: string): Route {
    const direct = leg(this.catalog, this.catalog.fx, from, to);
    if (direct !== undefined) return [direct];
    if (from === PIVOT || to === PIVOT) return undefined;
    const first = leg(this.catalog, this.catalog.fx, from, PIVOT);
    const second = leg(this.catalog, this.catalog.fx, PIVOT, to);
    return first === undefined || second === undefined ? undefined : [first, second];
  }
}

function leg(catalog: Catalog, fx: FxPairIndex, from: string, to: string): Leg | undefined {
  const direct = fx.pair(from, to);
  const directSymbol = direct === undefined ? undefined : catalog.symbol(direct);
  if (directSymbol !== undefined) return { symbol: directSymbol, inverse: false };
  const inverse = fx.pair(to, from);
  const inverseSymbol = inverse === undefined ? undefined : catalog.symbol(inverse);
  return inverseSymbol === undefined ? undefined : { symbol: inverseSymbol, inverse: true };
}
