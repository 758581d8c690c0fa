/**
 * The broker's dealer on the coverage accounts: every round it moves each symbol's coverage
 * toward a share of the clients' net position (the rest stays B-booked). FX and metals are
 * covered at LP1 account A, indices and stocks at LP1 account B (both netting), crypto at LP2
 * (hedging, where reducing means closing the oldest opposite positions).
 */
import type { Login } from '../../../shared/domain';
import { Reason } from '../../../shared/mt5';
import type { Volume } from '../../../shared/units';
import type { AssetClass, Catalog, SymbolInfo } from './catalog';
import { FIRST_COVERAGE_LOGIN } from './population';
import type { LiveAccount } from './state';
import type { TradeServer } from './trade-server';

/** Share of the clients' net the dealer lays off. */
const HEDGE_RATIO = 0.5;
/** Below this many minimum lots of imbalance a round leaves the symbol alone. */
const MIN_LOTS_TO_ACT = 10;

const DESK_BY_ASSET: Record<AssetClass, Login> = {
  fx: FIRST_COVERAGE_LOGIN,
  metal: FIRST_COVERAGE_LOGIN,
  index: FIRST_COVERAGE_LOGIN + 1,
  stock: FIRST_COVERAGE_LOGIN + 1,
  crypto: FIRST_COVERAGE_LOGIN + 2,
};

export class CoverageDealer {
  constructor(
    private readonly server: TradeServer,
    private readonly catalog: Catalog,
  ) {}

  /** One round over all symbols. */
  rebalance(): void {
    for (const symbol of this.catalog.symbols) {
      const account = this.server.account(DESK_BY_ASSET[symbol.asset]);
      if (account === undefined) continue;
      const spec = symbol.spec;
      const target = Math.round((this.server.clientNet(symbol) * HEDGE_RATIO) / spec.volumeStep) * spec.volumeStep;
      const gap = target - coveredVolume(account, symbol);
      if (Math.abs(gap) < spec.volumeMin * MIN_LOTS_TO_ACT) continue;
      this.trade(account, symbol, gap);
    }
  }

  private trade(account: LiveAccount, symbol: SymbolInfo, gap: Volume): void {
    const action = gap > 0 ? 0 : 1;
    let remaining = Math.min(Math.abs(gap), symbol.spec.volumeMax);
    if (account.group.hedging) {
      // Reduce opposite positions first (oldest first), so the hedging book does not fill with locks.
      for (const p of account.positions.filter((x) => x.symbol === symbol && x.action !== action)) {
        if (remaining <= 0) return;
        const volume = Math.min(remaining, p.volume);
        this.server.close(p.ticket, volume, Reason.DEALER, 'cover');
        remaining -= volume;
      }
    }
    if (remaining > 0)
      this.server.execute({
        login: account.login,
        symbol,
        action,
        volume: remaining,
        reason: Reason.DEALER,
        comment: 'cover',
      });
  }
}

function coveredVolume(account: LiveAccount, symbol: SymbolInfo): Volume {
  let net = 0;
  for (const p of account.positions) if (p.symbol === symbol) net += p.action === 0 ? p.volume : -p.volume;
  return net;
}
