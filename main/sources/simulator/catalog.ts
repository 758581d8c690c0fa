/**
 * Reference data of the simulated server: the symbols it quotes and the groups its accounts sit
 * in. Figures are plausible retail-broker settings, not any one broker's.
 */
import type { GroupSpec, SymbolSpec } from '../../../shared/domain';
import { CalcMode, CommissionEntry, MarginMode, MarginSOMode } from '../../../shared/mt5';
import { type FxPairIndex, indexFxPairs } from '../../../shared/pricing';
import { lotsToVolume } from '../../../shared/units';

export type AssetClass = 'fx' | 'metal' | 'index' | 'crypto' | 'stock';

/** A symbol as the simulator uses it: the spec it publishes plus how its price moves. */
export interface SymbolInfo {
  /** Position in `Catalog.symbols`; per-symbol arrays are indexed by it. */
  index: number;
  spec: SymbolSpec;
  asset: AssetClass;
  /** 10^digits: prices are walked in integer points and divided by this once. */
  scale: number;
  startPrice: number;
  /** Calm-regime spread in points. */
  spreadPoints: number;
  /** Calm-regime standard deviation of one tick's relative move. */
  volatility: number;
  /** Relative share of the tick stream (majors tick more often than stocks). */
  tickWeight: number;
}

export interface GroupInfo {
  spec: GroupSpec;
  hedging: boolean;
  /** A-book twin groups: same terms, flow passed to liquidity providers. */
  aBook: boolean;
}

export interface Catalog {
  symbols: readonly SymbolInfo[];
  groups: readonly GroupInfo[];
  symbol(name: string): SymbolInfo | undefined;
  group(name: string): GroupInfo | undefined;
  fx: FxPairIndex;
}

interface SymbolSeed {
  symbol: string;
  description: string;
  asset: AssetClass;
  digits: number;
  price: number;
  spread: number;
  base: string;
  profit: string;
  swapLong: number;
  swapShort: number;
}

const fx = (symbol: string, price: number, spread: number, swapLong: number, swapShort: number): SymbolSeed => ({
  symbol,
  description: `${symbol.slice(0, 3)} vs ${symbol.slice(3)}`,
  asset: 'fx',
  digits: symbol.endsWith('JPY') ? 3 : 5,
  price,
  spread,
  base: symbol.slice(0, 3),
  profit: symbol.slice(3),
  swapLong,
  swapShort,
});

const SEEDS: readonly SymbolSeed[] = [
  fx('EURUSD', 1.085, 8, -6.9, 1.4),
  fx('GBPUSD', 1.265, 12, -4.2, -0.8),
  fx('USDJPY', 151.2, 10, 14.5, -28.3),
  fx('USDCHF', 0.885, 13, 5.1, -11.6),
  fx('AUDUSD', 0.655, 11, -3.8, -0.9),
  fx('USDCAD', 1.36, 15, 1.2, -8.4),
  fx('NZDUSD', 0.605, 16, -2.9, -1.7),
  fx('EURGBP', 0.858, 14, -5.6, 0.4),
  fx('EURJPY', 164.0, 18, 9.8, -24.1),
  fx('GBPJPY', 191.3, 26, 12.7, -31.5),
  fx('EURCHF', 0.96, 17, -1.1, -6.3),
  fx('AUDJPY', 99.0, 20, 6.2, -14.8),
  cfd('XAUUSD', 'Gold vs US Dollar', 'metal', 2, 2350, 25, 'XAU', 'USD', -42.5, 21.3),
  cfd('XAGUSD', 'Silver vs US Dollar', 'metal', 3, 28.5, 25, 'XAG', 'USD', -5.1, 1.9),
  cfd('US500', 'S&P 500 index', 'index', 2, 5200, 50, 'USD', 'USD', -180, -95),
  cfd('US30', 'Dow Jones 30 index', 'index', 2, 39000, 200, 'USD', 'USD', -1250, -640),
  cfd('NAS100', 'Nasdaq 100 index', 'index', 2, 18200, 150, 'USD', 'USD', -610, -310),
  cfd('GER40', 'DAX 40 index', 'index', 2, 18300, 120, 'EUR', 'EUR', -520, -260),
  cfd('UK100', 'FTSE 100 index', 'index', 2, 8100, 100, 'GBP', 'GBP', -230, -120),
  cfd('BTCUSD', 'Bitcoin vs US Dollar', 'crypto', 2, 65000, 3000, 'BTC', 'USD', -2600, -2600),
  cfd('ETHUSD', 'Ethereum vs US Dollar', 'crypto', 2, 3300, 150, 'ETH', 'USD', -130, -130),
  cfd('AAPL', 'Apple Inc.', 'stock', 2, 190, 4, 'USD', 'USD', -3.2, -1.1),
  cfd('TSLA', 'Tesla Inc.', 'stock', 2, 175, 6, 'USD', 'USD', -3.0, -1.0),
  cfd('MSFT', 'Microsoft Corp.', 'stock', 2, 420, 5, 'USD', 'USD', -7.1, -2.4),
  cfd('NVDA', 'NVIDIA Corp.', 'stock', 2, 900, 8, 'USD', 'USD', -15.2, -5.0),
];

function cfd(
  symbol: string,
  description: string,
  asset: AssetClass,
  digits: number,
  price: number,
  spread: number,
  base: string,
  profit: string,
  swapLong: number,
  swapShort: number,
): SymbolSeed {
  return { symbol, description, asset, digits, price, spread, base, profit, swapLong, swapShort };
}

/** Contract size, calc mode, volumes and walk parameters by asset class. */
const CLASS_TERMS: Record<
  AssetClass,
  {
    calcMode: number;
    contractSize: (symbol: string) => number;
    lots: [min: number, step: number, max: number];
    volatility: number;
    tickWeight: number;
    path: string;
  }
> = {
  // Metals and crypto as leveraged CFDs: without per-symbol margin rates (which the desk does not
  // mirror), plain CFD margin would be the full notional and no retail client could hold gold.
  fx: {
    calcMode: CalcMode.FOREX,
    contractSize: () => 100_000,
    lots: [0.01, 0.01, 100],
    volatility: 2e-5,
    tickWeight: 3,
    path: 'Forex',
  },
  metal: {
    calcMode: CalcMode.CFDLEVERAGE,
    contractSize: (s) => (s === 'XAUUSD' ? 100 : 5000),
    lots: [0.01, 0.01, 50],
    volatility: 4e-5,
    tickWeight: 3,
    path: 'Metals',
  },
  index: {
    calcMode: CalcMode.CFDINDEX,
    contractSize: () => 1,
    lots: [0.1, 0.1, 500],
    volatility: 3e-5,
    tickWeight: 2,
    path: 'Indices',
  },
  crypto: {
    calcMode: CalcMode.CFDLEVERAGE,
    contractSize: () => 1,
    lots: [0.01, 0.01, 20],
    volatility: 9e-5,
    tickWeight: 2,
    path: 'Crypto',
  },
  stock: {
    calcMode: CalcMode.EXCH_STOCKS,
    contractSize: () => 1,
    lots: [1, 1, 10_000],
    volatility: 6e-5,
    tickWeight: 1,
    path: 'Stocks\\US',
  },
};

function symbolInfo(seed: SymbolSeed, index: number): SymbolInfo {
  const terms = CLASS_TERMS[seed.asset];
  const contractSize = terms.contractSize(seed.symbol);
  const tickSize = 10 ** -seed.digits;
  const [min, step, max] = terms.lots;
  const spec: SymbolSpec = {
    symbol: seed.symbol,
    path: `${terms.path}\\${seed.symbol}`,
    description: seed.description,
    digits: seed.digits,
    calcMode: terms.calcMode,
    contractSize,
    tickSize,
    // Value of one tick for one lot, in the profit currency (what MT5 shows before conversion).
    tickValue: tickSize * contractSize,
    currencyBase: seed.base,
    currencyProfit: seed.profit,
    currencyMargin: seed.asset === 'fx' ? seed.base : seed.profit,
    volumeMin: lotsToVolume(min),
    volumeMax: lotsToVolume(max),
    volumeStep: lotsToVolume(step),
    swapLong: seed.swapLong,
    swapShort: seed.swapShort,
  };
  return {
    index,
    spec,
    asset: seed.asset,
    scale: 10 ** seed.digits,
    startPrice: seed.price,
    spreadPoints: seed.spread,
    volatility: terms.volatility,
    tickWeight: seed.symbol === 'EURUSD' || seed.symbol === 'XAUUSD' ? terms.tickWeight * 2 : terms.tickWeight,
  };
}

interface GroupSeed {
  name: string;
  currency: 'USD' | 'EUR';
  hedging: boolean;
  marginCall: number;
  stopOut: number;
  /** Cents per lot per side, negative = charge. */
  commission: number;
  entry: number;
}

const CLIENT_GROUPS: readonly GroupSeed[] = [
  {
    name: 'standard-usd',
    currency: 'USD',
    hedging: true,
    marginCall: 100,
    stopOut: 50,
    commission: 0,
    entry: CommissionEntry.ALL,
  },
  {
    name: 'ecn-usd',
    currency: 'USD',
    hedging: false,
    marginCall: 100,
    stopOut: 50,
    commission: -350,
    entry: CommissionEntry.ALL,
  },
  {
    name: 'vip-eur',
    currency: 'EUR',
    hedging: true,
    marginCall: 80,
    stopOut: 30,
    commission: -250,
    entry: CommissionEntry.IN,
  },
  {
    name: 'raw-eur',
    currency: 'EUR',
    hedging: false,
    marginCall: 100,
    stopOut: 40,
    commission: -300,
    entry: CommissionEntry.OUT,
  },
];

function groupInfo(name: string, seed: GroupSeed, aBook: boolean, coverage: boolean): GroupInfo {
  return {
    hedging: seed.hedging,
    aBook,
    spec: {
      group: name,
      currency: seed.currency,
      currencyDigits: 2,
      marginMode: seed.hedging ? MarginMode.RETAIL_HEDGED : MarginMode.RETAIL_NETTING,
      marginSOMode: MarginSOMode.PERCENT,
      marginCall: seed.marginCall,
      marginStopOut: seed.stopOut,
      commissionPerLot: seed.commission,
      commissionEntry: seed.entry,
      coverage,
    },
  };
}

export const COVERAGE_NETTING_GROUP = 'coverage\\lp1-usd';
export const COVERAGE_HEDGING_GROUP = 'coverage\\lp2-usd';

export function buildCatalog(): Catalog {
  const symbols = SEEDS.map(symbolInfo);
  const groups: GroupInfo[] = [
    ...CLIENT_GROUPS.map((g) => groupInfo(`real\\${g.name}`, g, false, false)),
    // Routing a login to the A-book is a group change (DOMAIN.md), so each B-book group has a twin.
    ...CLIENT_GROUPS.map((g) => groupInfo(`real\\a-book\\${g.name}`, g, true, false)),
    groupInfo(COVERAGE_NETTING_GROUP, coverageSeed(false), false, true),
    groupInfo(COVERAGE_HEDGING_GROUP, coverageSeed(true), false, true),
  ];
  const symbolByName = new Map(symbols.map((s) => [s.spec.symbol, s]));
  const groupByName = new Map(groups.map((g) => [g.spec.group, g]));
  return {
    symbols,
    groups,
    symbol: (name) => symbolByName.get(name),
    group: (name) => groupByName.get(name),
    fx: indexFxPairs(symbols.map((s) => s.spec)),
  };
}

function coverageSeed(hedging: boolean): GroupSeed {
  return {
    name: '',
    currency: 'USD',
    hedging,
    marginCall: 100,
    stopOut: 20,
    commission: -150,
    entry: CommissionEntry.ALL,
  };
}
