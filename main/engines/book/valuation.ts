/**
 * Live valuation of open positions and accounts from the latest quotes, with the same maths the
 * server uses (shared/pricing.ts). Pure: the book owns the state and calls these.
 */
import type { GroupSpec, SymbolSpec } from '../../../shared/domain';
import { MarginSOMode } from '../../../shared/mt5';
import { marginInMarginCurrency } from '../../../shared/pricing';
import type { MarginState } from '../../../shared/rows';
import type { Money, Volume } from '../../../shared/units';
import type { QuoteCell, RateCell } from './state';

/**
 * Margin one symbol needs in an account, in the account currency (as a double; the account
 * rounds its total once). Both legs of a hedging account are charged, as the server does when
 * the symbol has no hedged-margin discount (MarginHedged is not mirrored yet); netting accounts
 * hold one leg. Priced at the current mid.
 */
export function symbolMargin(
  spec: SymbolSpec,
  volume: Volume,
  quote: QuoteCell,
  leverage: number,
  marginRate: RateCell,
): number {
  if (volume === 0 || quote.bid <= 0) return 0;
  const mid = (quote.bid + quote.ask) / 2;
  return marginRate.convert(marginInMarginCurrency(spec, volume, mid, leverage)) ?? 0;
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
