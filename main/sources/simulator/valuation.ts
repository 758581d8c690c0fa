/**
 * Money in an account's currency at the current quotes: floating profit, margin and the
 * snapshot account events carry. Built on shared/pricing.ts so the desk's engines and this
 * server agree to the cent.
 */
import { closePrice, marginInMarginCurrency, openPrice, profitInProfitCurrency } from '../../../shared/pricing';
import { type Money, moneyFromDouble, type Volume } from '../../../shared/units';
import type { Catalog, SymbolInfo } from './catalog';
import { CurrencyConverter } from './conversion';
import type { QuoteBook } from './quotes';
import type { LiveAccount, LivePosition, MarginSnapshot } from './state';

export class Valuation {
  private readonly converter: CurrencyConverter;

  constructor(
    catalog: Catalog,
    private readonly quotes: QuoteBook,
  ) {
    this.converter = new CurrencyConverter(catalog, quotes);
  }

  /** Converts at the current quotes; the catalog guarantees a path between every pair of currencies it uses. */
  toCurrency(amount: number, from: string, to: string): number {
    const converted = this.converter.convert(amount, from, to);
    if (converted === undefined) throw new Error(`no conversion path ${from}->${to}`);
    return converted;
  }

  /** The current closing price of a position side. */
  closingPrice(symbol: SymbolInfo, action: number): number {
    return closePrice(action, this.quoteOf(symbol));
  }

  openingPrice(symbol: SymbolInfo, action: number): number {
    return openPrice(action, this.quoteOf(symbol));
  }

  /** Profit of `volume` opened at `open` and closed at `close`, rounded once to account cents. */
  profit(symbol: SymbolInfo, action: number, volume: Volume, open: number, close: number, currency: string): Money {
    const raw = profitInProfitCurrency(symbol.spec, action, volume, open, close);
    return moneyFromDouble(this.toCurrency(raw, symbol.spec.currencyProfit, currency));
  }

  /** Floating profit of a position at the current quote, account cents. */
  floatingProfit(position: LivePosition, currency: string): Money {
    const close = this.closingPrice(position.symbol, position.action);
    return this.profit(position.symbol, position.action, position.volume, position.priceOpen, close, currency);
  }

  /** Margin of `volume` on a symbol for an account, in its currency, unrounded. */
  margin(symbol: SymbolInfo, action: number, volume: Volume, leverage: number, currency: string): number {
    const price = this.openingPrice(symbol, action);
    const inMarginCurrency = marginInMarginCurrency(symbol.spec, volume, price, leverage);
    return this.toCurrency(inMarginCurrency, symbol.spec.currencyMargin, currency);
  }

  /**
   * Margin is the plain sum over positions, also in hedging: MT5's hedged-margin discount for
   * opposite positions is a per-symbol setting the desk does not mirror, so the simulator leaves it out.
   */
  snapshot(account: LiveAccount): MarginSnapshot {
    const currency = account.group.spec.currency;
    let floating = 0;
    let margin = 0;
    for (const p of account.positions) {
      floating += this.floatingProfit(p, currency) + p.swap;
      margin += this.margin(p.symbol, p.action, p.volume, account.leverage, currency);
    }
    return { margin: moneyFromDouble(margin), equity: account.balance + account.credit + floating, floating };
  }

  private quoteOf(symbol: SymbolInfo) {
    const quote = this.quotes.get(symbol);
    if (quote === undefined) throw new Error(`no quote for ${symbol.spec.symbol}`);
    return quote;
  }
}
