import { describe, expect, it } from 'vitest';
import { convert } from '../../../shared/pricing';
import { buildCatalog } from './catalog';
import { CurrencyConverter } from './conversion';
import { QuoteBook } from './quotes';
import { Rng } from './rng';

describe('CurrencyConverter', () => {
  it('gives exactly what shared convert() gives, for every currency pair the catalog uses', () => {
    const catalog = buildCatalog();
    const quotes = new QuoteBook(catalog.symbols);
    const rng = new Rng(7);
    for (const s of catalog.symbols) {
      const bid = s.startPrice * rng.range(0.9, 1.1);
      quotes.set(s, { symbol: s.spec.symbol, timeMsc: 0, bid, ask: bid * 1.0003 });
    }
    const converter = new CurrencyConverter(catalog, quotes);
    const currencies = new Set(catalog.symbols.flatMap((s) => [s.spec.currencyProfit, s.spec.currencyMargin]));
    for (const from of currencies) {
      for (const to of ['USD', 'EUR']) {
        for (const amount of [1234.5678, -987.65, 0.01, 1e7]) {
          const expected = convert(amount, from, to, catalog.fx, quotes.lookup);
          expect(expected, `${from}->${to}`).toBeDefined();
          expect(converter.convert(amount, from, to)).toBe(expected);
        }
      }
    }
  });
});
