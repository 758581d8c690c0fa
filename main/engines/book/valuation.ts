/**
 * Live valuation of open positions and accounts from the latest ticks, with the same maths
 * the server uses (shared/pricing.ts). Pure: the book owns the state and calls these.
 */
import type { GroupSpec, SymbolSpec, Tick } from '../../../shared/domain';
import { MarginSOMode } from '../../../shared/mt5';
import {
  closePrice,
  convert,
  type FxPairIndex,
  marginInMarginCurrency,
  profitInProfitCurrency,
} from '../../../shared/pricing';
import type { MarginState } from '../../../shared/rows';
import { type Money, moneyFromDouble, type Volume } from '../../../shared/units';

/**
 * Conversion factors between currencies at the current quotes, memoised until the quotes move.
 * `convert` is linear for amounts of one sign (gains and losses convert at opposite sides of the
 * spread), so one factor per sign and pair is exact and saves a pair lookup per position.
 */
export class RateCache {
  private readonly factors = new Map<string, number | undefined>();

  constructor(
    private readonly fx: () => FxPairIndex,
    private readonly quote: (symbol: string) => Tick | undefined,
  ) {}

  /** Call when any quote changed: factors are recomputed lazily. */
  invalidate(): void {
    this.factors.clear();
  }

  convert(amount: number, from: string, to: string): number | undefined {
    if (from === to || amount === 0) return amount;
    const gain = amount >= 0;
    const key = `${from}>${to}${gain ? '+' : '-'}`;
    let factor = this.factors.get(key);
    if (factor === undefined && !this.factors.has(key)) {
      const unit = convert(gain ? 1 : -1, from, to, this.fx(), this.quote);
      factor = unit === undefined ? undefined : Math.abs(unit);
      this.factors.set(key, factor);
    }
    return factor === undefined ? undefined : amount * factor;
  }
}

export interface PositionValue {
  priceCurrent: number;
  /** Floating profit in the account currency, cents. */
  profit: Money;
}

/** Values a position at the tick; undefined when the symbol has no quote yet. */
export function valuePosition(
  spec: SymbolSpec,
  action: number,
  volume: Volume,
  priceOpen: number,
  tick: Tick | undefined,
  accountCurrency: string,
  rates: RateCache,
): PositionValue | undefined {
  if (!tick || tick.bid <= 0) return undefined;
  const priceCurrent = closePrice(action, tick);
  const raw = profitInProfitCurrency(spec, action, volume, priceOpen, priceCurrent);
  const inAccount = rates.convert(raw, spec.currencyProfit, accountCurrency);
  if (inAccount === undefined) return undefined;
  return { priceCurrent, profit: moneyFromDouble(inAccount) };
}

/**
 * Margin one symbol needs in an account, in the account currency (as a double; the account
 * rounds its total once). Both legs of a hedging account are charged, as the server does when
 * the symbol has no hedged-margin discount (MarginHedged is not mirrored yet); netting accounts
 * hold one leg. Priced at the current mid.
 */
export function symbolMargin(
  spec: SymbolSpec,
  buyVolume: Volume,
  sellVolume: Volume,
  tick: Tick | undefined,
  leverage: number,
  accountCurrency: string,
  rates: RateCache,
): number {
  const volume = buyVolume + sellVolume;
  if (volume === 0 || !tick) return 0;
  const mid = (tick.bid + tick.ask) / 2;
  const inMarginCurrency = marginInMarginCurrency(spec, volume, mid, leverage);
  return rates.convert(inMarginCurrency, spec.currencyMargin, accountCurrency) ?? 0;
}

export function marginLevel(equity: Money, margin: Money): number | null {
  return margin > 0 ? (equity / margin) * 100 : null;
}

/** Where an account stands against its group's margin call and stop-out levels. */
export function marginStateOf(
  group: Pick<GroupSpec, 'marginSOMode' | 'marginCall' | 'marginStopOut'>,
  equity: Money,
  margin: Money,
): MarginState {
  if (margin <= 0) return 'ok';
  if (group.marginSOMode === MarginSOMode.MONEY) {
    // Levels in money are in account currency units; equity is in cents.
    if (equity <= group.marginStopOut * 100) return 'stop_out';
    if (equity <= group.marginCall * 100) return 'margin_call';
    return 'ok';
  }
  const level = (equity / margin) * 100;
  if (level <= group.marginStopOut) return 'stop_out';
  if (level <= group.marginCall) return 'margin_call';
  return 'ok';
}
