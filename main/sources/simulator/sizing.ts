/** How much a simulated client trades: the volume whose margin is a share of its equity. */
import { VOLUME_PER_LOT, type Volume } from '../../../shared/units';
import type { SymbolInfo } from './catalog';
import type { LiveAccount } from './state';
import type { TradeServer } from './trade-server';

/** The volume whose margin is about `share` of the account's equity, on the symbol's volume grid. */
export function volumeForShare(
  server: TradeServer,
  account: LiveAccount,
  symbol: SymbolInfo,
  action: 0 | 1,
  share: number,
): Volume {
  const snap = server.snapshot(account);
  if (snap.equity <= snap.margin) return 0;
  const perLot =
    server.valuation.margin(symbol, action, VOLUME_PER_LOT, account.leverage, account.group.spec.currency) * 100;
  const spec = symbol.spec;
  const volume = roundDown(((snap.equity * share) / perLot) * VOLUME_PER_LOT, spec.volumeStep);
  return Math.min(Math.max(volume, spec.volumeMin), spec.volumeMax);
}

export const roundDown = (volume: number, step: Volume): Volume => Math.floor(volume / step) * step;
