/**
 * The server's latest price per symbol: what trades execute at and what conversions use.
 * It holds the very tick objects the feed emitted, so a price never differs from what the desk saw.
 */
import type { Tick } from '../../../shared/domain';
import type { QuoteLookup } from '../../../shared/pricing';
import type { SymbolInfo } from './catalog';

export class QuoteBook {
  private readonly latest: (Tick | undefined)[];
  private readonly indexByName: Map<string, number>;
  readonly lookup: QuoteLookup;

  constructor(symbols: readonly SymbolInfo[]) {
    this.latest = symbols.map(() => undefined);
    this.indexByName = new Map(symbols.map((s) => [s.spec.symbol, s.index]));
    this.lookup = (symbol) => {
      const index = this.indexByName.get(symbol);
      return index === undefined ? undefined : this.latest[index];
    };
  }

  set(symbol: SymbolInfo, tick: Tick): void {
    this.latest[symbol.index] = tick;
  }

  get(symbol: SymbolInfo): Tick | undefined {
    return this.latest[symbol.index];
  }
}
