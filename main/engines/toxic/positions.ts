/**
 * Positions as the engine rebuilds them from deals, with what their opening looked like: enough
 * to turn each closing deal into a closed trade. Netting: IN adds to the one position per symbol,
 * OUT reduces it, INOUT closes it and opens the rest the other way under the order's ticket.
 * Hedging: each IN opens its own position, OUT and OUT_BY close part or all of one.
 */
import type { Deal, Login, ServerId } from '../../../shared/domain';
import type { Money, TimeMsc, Volume } from '../../../shared/units';
import { moveInSpreads, type OpenWatch } from './feed';
import type { ClosedTrade, HedgeMatch } from './trade';

export interface OpenPosition {
  readonly server: ServerId;
  readonly positionId: number;
  readonly login: Login;
  readonly symbol: string;
  readonly side: 0 | 1;
  readonly openTimeMsc: TimeMsc;
  volume: Volume;
  /** The volume the position opened with: what a martingale compares its next position with. */
  readonly firstVolume: Volume;
  lastEntryPrice: number;
  lastEntryVolume: Volume;
  lastEntryMsc: TimeMsc;
  /** What the entries were charged and no closed part has taken yet. */
  entryCommission: Money;
  /** Martingale evidence not yet handed to a closed trade (the first part closed takes it). */
  averagingRatios: number[];
  afterLossRatio: number | null;
  readonly watch: OpenWatch;
}

/** Most averaging entries remembered per position (a grid rarely has more levels). */
const MAX_RATIOS = 64;

/** A buy averages down below its last entry, a sell above it. */
export const averagesDown = (side: 0 | 1, price: number, lastEntryPrice: number): boolean =>
  side === 0 ? price < lastEntryPrice : price > lastEntryPrice;

export function openPosition(
  server: ServerId,
  deal: Pick<Deal, 'positionId' | 'login' | 'symbol' | 'action' | 'volume' | 'price' | 'commission' | 'timeMsc'>,
  watch: OpenWatch,
  averaging: number | null,
  afterLossRatio: number | null,
): OpenPosition {
  return {
    server,
    positionId: deal.positionId,
    login: deal.login,
    symbol: deal.symbol,
    side: deal.action === 0 ? 0 : 1,
    openTimeMsc: deal.timeMsc,
    volume: deal.volume,
    firstVolume: deal.volume,
    lastEntryPrice: deal.price,
    lastEntryVolume: deal.volume,
    lastEntryMsc: deal.timeMsc,
    entryCommission: deal.commission,
    averagingRatios: averaging === null ? [] : [averaging],
    afterLossRatio,
    watch,
  };
}

/** A netting IN on the position's side: more volume, maybe averaging down. */
export function addEntry(p: OpenPosition, deal: Pick<Deal, 'volume' | 'price' | 'commission' | 'timeMsc'>): void {
  if (averagesDown(p.side, deal.price, p.lastEntryPrice) && p.lastEntryVolume > 0) {
    if (p.averagingRatios.length < MAX_RATIOS) p.averagingRatios.push(deal.volume / p.lastEntryVolume);
  }
  p.volume += deal.volume;
  p.lastEntryPrice = deal.price;
  p.lastEntryVolume = deal.volume;
  p.lastEntryMsc = deal.timeMsc;
  p.entryCommission += deal.commission;
}

/**
 * The closed trade for `volume` of `p` closed by `deal` (with `profit` and `commission` of that
 * part), and the position reduced by it. The first part closed takes the martingale evidence.
 */
export function closePart(
  p: OpenPosition,
  deal: Pick<Deal, 'timeMsc' | 'price' | 'pricePosition' | 'swap'>,
  volume: Volume,
  profit: Money,
  commission: Money,
  hedge: HedgeMatch | null,
): ClosedTrade {
  const closed = Math.min(volume, p.volume);
  const entryShare = p.volume > 0 ? Math.round((p.entryCommission * closed) / p.volume) : 0;
  p.entryCommission -= entryShare;
  const trade: ClosedTrade = {
    server: p.server,
    login: p.login,
    positionId: p.positionId,
    symbol: p.symbol,
    side: p.side,
    openTimeMsc: p.openTimeMsc,
    closeTimeMsc: deal.timeMsc,
    volume: closed,
    openPrice: deal.pricePosition > 0 ? deal.pricePosition : p.lastEntryPrice,
    closePrice: deal.price,
    profit,
    swap: deal.swap,
    commission: commission + entryShare,
    moveAfterOpen: moveInSpreads(p.watch),
    sinceSpikeMs: p.watch.sinceSpikeMs,
    untilSpikeMs: p.watch.untilSpikeMs,
    averagingRatios: p.averagingRatios,
    afterLossRatio: p.afterLossRatio,
    hedge,
  };
  p.averagingRatios = [];
  p.afterLossRatio = null;
  p.volume -= closed;
  return trade;
}
