import { describe, expect, it } from 'vitest';
import { CalcMode } from './mt5';
import { closePrice, convert, indexFxPairs, marginInMarginCurrency, profitInProfitCurrency } from './pricing';
import { lotsToVolume } from './units';

const fx = indexFxPairs([
  { symbol: 'EURUSD', calcMode: CalcMode.FOREX, currencyBase: 'EUR', currencyProfit: 'USD' },
  { symbol: 'USDJPY', calcMode: CalcMode.FOREX, currencyBase: 'USD', currencyProfit: 'JPY' },
  { symbol: 'US500', calcMode: CalcMode.CFDINDEX, currencyBase: 'USD', currencyProfit: 'USD' },
]);
const quotes: Record<string, { bid: number; ask: number }> = {
  EURUSD: { bid: 1.1, ask: 1.1002 },
  USDJPY: { bid: 150, ask: 150.02 },
};
const quote = (s: string) => quotes[s];

describe('pricing', () => {
  it('profit: FX and CFD by contract size, futures by tick value', () => {
    const fxSpec = { calcMode: CalcMode.FOREX, contractSize: 100_000, tickSize: 0.00001, tickValue: 1 };
    expect(profitInProfitCurrency(fxSpec, 0, lotsToVolume(2), 1.1, 1.1015)).toBeCloseTo(300, 9);
    expect(profitInProfitCurrency(fxSpec, 1, lotsToVolume(2), 1.1, 1.1015)).toBeCloseTo(-300, 9);
    const future = { calcMode: CalcMode.FUTURES, contractSize: 1, tickSize: 0.25, tickValue: 12.5 };
    expect(profitInProfitCurrency(future, 0, lotsToVolume(3), 5000, 5001)).toBe(150);
  });

  it('closes buys at bid and sells at ask', () => {
    expect(closePrice(0, { bid: 1, ask: 2 })).toBe(1);
    expect(closePrice(1, { bid: 1, ask: 2 })).toBe(2);
  });

  it('margin by calc mode', () => {
    const spec = (calcMode: number, contractSize: number) => ({
      calcMode,
      contractSize,
      tickSize: 0.01,
      tickValue: 0.01,
    });
    expect(marginInMarginCurrency(spec(CalcMode.FOREX, 100_000), lotsToVolume(1), 1.1, 100)).toBe(1000);
    expect(marginInMarginCurrency(spec(CalcMode.CFD, 1), lotsToVolume(10), 200, 100)).toBe(2000);
    expect(marginInMarginCurrency(spec(CalcMode.CFDLEVERAGE, 100), lotsToVolume(1), 2000, 20)).toBe(10_000);
    expect(marginInMarginCurrency(spec(CalcMode.CFDINDEX, 1), lotsToVolume(1), 5000, 100)).toBe(5000);
  });

  it('converts in the broker’s favour: direct, inverse and through USD', () => {
    expect(convert(100, 'EUR', 'USD', fx, quote)).toBeCloseTo(110, 9); // gain × bid
    expect(convert(-100, 'EUR', 'USD', fx, quote)).toBeCloseTo(-110.02, 9); // loss × ask
    expect(convert(110.02, 'USD', 'EUR', fx, quote)).toBeCloseTo(100, 9); // gain ÷ ask
    expect(convert(15_000, 'JPY', 'USD', fx, quote)).toBeCloseTo(15_000 / 150.02, 9);
    expect(convert(15_002, 'JPY', 'EUR', fx, quote)).toBeCloseTo(15_002 / 150.02 / 1.1002, 9);
    expect(convert(1, 'CHF', 'EUR', fx, quote)).toBeUndefined();
  });
});
