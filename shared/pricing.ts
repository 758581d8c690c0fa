/**
 * Trade maths shared by the simulator (the server's side) and the desk's engines, so both
 * compute a position's profit and margin the same way (DOMAIN.md "Money", MT5-PROTOCOL.md §4).
 * Results are doubles in the stated currency; callers round to cents with `moneyFromDouble`
 * once, at the point where an amount becomes a booked or displayed figure.
 */
import type { SymbolSpec, Tick } from './domain';
import { CalcMode, PositionAction } from './mt5';
import { type Volume, volumeToLots } from './units';

/** Buys close at bid, sells at ask. */
export function closePrice(action: number, tick: Pick<Tick, 'bid' | 'ask'>): number {
  return action === PositionAction.BUY ? tick.bid : tick.ask;
}

/** Buys open at ask, sells at bid. */
export function openPrice(action: number, tick: Pick<Tick, 'bid' | 'ask'>): number {
  return action === PositionAction.BUY ? tick.ask : tick.bid;
}

export const sideSign = (action: number): 1 | -1 => (action === PositionAction.BUY ? 1 : -1);

/** Profit of `volume` opened at `open` and valued at `close`, in the symbol's profit currency. */
export function profitInProfitCurrency(
  spec: Pick<SymbolSpec, 'calcMode' | 'contractSize' | 'tickSize' | 'tickValue'>,
  action: number,
  volume: Volume,
  open: number,
  close: number,
): number {
  const lots = volumeToLots(volume);
  const move = (close - open) * sideSign(action);
  if (spec.calcMode === CalcMode.FUTURES) return (move / spec.tickSize) * spec.tickValue * lots;
  return move * spec.contractSize * lots;
}

/** Margin of a position in the symbol's margin currency, by calc mode (MT5-PROTOCOL.md §4). */
export function marginInMarginCurrency(
  spec: Pick<SymbolSpec, 'calcMode' | 'contractSize' | 'tickSize' | 'tickValue'>,
  volume: Volume,
  price: number,
  leverage: number,
): number {
  const units = volumeToLots(volume) * spec.contractSize;
  switch (spec.calcMode) {
    case CalcMode.FOREX:
      return units / leverage;
    case CalcMode.FOREX_NO_LEVERAGE:
      return units;
    case CalcMode.CFD:
    case CalcMode.EXCH_STOCKS:
      return units * price;
    case CalcMode.CFDINDEX:
      return (units * price * spec.tickValue) / spec.tickSize;
    case CalcMode.CFDLEVERAGE:
      return (units * price) / leverage;
    default:
      // FUTURES and exchange modes margin by MarginInitial, which the desk does not mirror yet;
      // the leveraged notional is the closest conservative stand-in.
      return (units * price) / leverage;
  }
}

/** Latest bid/ask by symbol name; what a rate book converts with. */
export type QuoteLookup = (symbol: string) => Pick<Tick, 'bid' | 'ask'> | undefined;

/** FX pairs by their two currencies, so a conversion finds its pair without scanning. */
export interface FxPairIndex {
  pair(base: string, quote: string): string | undefined;
}

export function indexFxPairs(
  specs: Iterable<Pick<SymbolSpec, 'symbol' | 'calcMode' | 'currencyBase' | 'currencyProfit'>>,
): FxPairIndex {
  const byCurrencies = new Map<string, string>();
  for (const spec of specs) {
    if (spec.calcMode !== CalcMode.FOREX && spec.calcMode !== CalcMode.FOREX_NO_LEVERAGE) continue;
    byCurrencies.set(`${spec.currencyBase}/${spec.currencyProfit}`, spec.symbol);
  }
  return { pair: (base, quote) => byCurrencies.get(`${base}/${quote}`) };
}

const PIVOT = 'USD';

/** One step of a conversion: multiply by a pair's price (direct) or divide by it (inverse). */
export interface ConversionLeg {
  symbol: string;
  inverse: boolean;
}

/**
 * The FX pairs that take `from` to `to`: the direct pair, else the inverse pair, else both legs
 * through USD. Empty for the same currency; undefined when no pair can bridge the two. A route
 * depends only on which symbols exist, so callers resolve it once and replay it on every quote.
 */
export function conversionRoute(from: string, to: string, fx: FxPairIndex): readonly ConversionLeg[] | undefined {
  if (from === to) return [];
  const direct = legOf(from, to, fx);
  if (direct) return [direct];
  if (from === PIVOT || to === PIVOT) return undefined;
  const first = legOf(from, PIVOT, fx);
  const second = legOf(PIVOT, to, fx);
  return first && second ? [first, second] : undefined;
}

function legOf(from: string, to: string, fx: FxPairIndex): ConversionLeg | undefined {
  const direct = fx.pair(from, to);
  if (direct !== undefined) return { symbol: direct, inverse: false };
  const inverse = fx.pair(to, from);
  return inverse === undefined ? undefined : { symbol: inverse, inverse: true };
}

/**
 * Converts along a route at the current quotes, the way MT5 does it in the broker's favour: at
 * each step a gain converts at the worse side of the spread, a loss at the other. The one place
 * conversion arithmetic lives: the simulator's books and the desk's valuations both come here,
 * so they agree to the last bit. Undefined while a leg has no quote.
 */
export function applyRoute<L extends { inverse: boolean }>(
  amount: number,
  route: readonly L[],
  quoteOf: (leg: L) => Pick<Tick, 'bid' | 'ask'> | undefined,
): number | undefined {
  let value = amount;
  for (const leg of route) {
    const q = quoteOf(leg);
    if (!q || !(q.bid > 0)) return undefined;
    value = leg.inverse ? value / (value >= 0 ? q.ask : q.bid) : value * (value >= 0 ? q.bid : q.ask);
  }
  return value;
}

/** Converts an amount between currencies at the latest quotes (route resolved on the spot). */
export function convert(
  amount: number,
  from: string,
  to: string,
  fx: FxPairIndex,
  quote: QuoteLookup,
): number | undefined {
  if (from === to || amount === 0) return amount;
  const route = conversionRoute(from, to, fx);
  return route === undefined ? undefined : applyRoute(amount, route, (leg) => quote(leg.symbol));
}
