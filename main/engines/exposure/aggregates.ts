/**
 * The linear aggregates exposure is made of. Everything a position contributes is a sum that can
 * be taken back exactly, so an event subtracts a position's old contribution and adds its new one
 * (O(1)), and prices enter only when a row is read:
 *   floating = bid × buyUnits − Σbuy(open × units) + Σsell(open × units) − ask × sellUnits.
 *
 * Exactness: volumes are integers (1/1e8 lot). Σ(open × volume) is kept as a BigInt of
 * open·2^60 × volume: multiplying a double by a power of two is exact, so for any price ≥ 2^-8
 * the product is the exact value of the double, and the sum is the same whatever the order of
 * adds and removes. A double sum would drift by ULPs under add/remove, and the incremental and
 * recomputed P&L would then round to different cents now and then.
 */
import type { Order, ServerId } from '../../../shared/domain';
import { OrderState, OrderType, PositionAction } from '../../../shared/mt5';
import type { Volume } from '../../../shared/units';
import type { AccountFigures } from './keys';

const PRICE_SCALE_BITS = 60;
const PRICE_SCALE = 2 ** PRICE_SCALE_BITS;

/** A price as an integer multiple of 2^-60 (exact for prices ≥ 2^-8, rounded below). */
export const scaledPrice = (price: number): bigint => BigInt(Math.round(price * PRICE_SCALE));
/** A scaled price × volume sum back to a double (price × volume). */
export const unscale = (value: bigint): number => Number(value) / PRICE_SCALE;

/** One side of the book's counterparties (clients, or the broker's coverage accounts). */
export interface SideSums {
  buyVolume: Volume;
  sellVolume: Volume;
  /** Σ scaledPrice(open) × volume over buy positions. */
  buyOpen: bigint;
  sellOpen: bigint;
  /** Signed volume of pending orders, as if they all triggered. */
  pendingVolume: Volume;
  /** Σ min(buy, sell) per hedging account and symbol. */
  lockedVolume: Volume;
  positions: number;
  orders: number;
}

export const emptySide = (): SideSums => ({
  buyVolume: 0,
  sellVolume: 0,
  buyOpen: 0n,
  sellOpen: 0n,
  pendingVolume: 0,
  lockedVolume: 0,
  positions: 0,
  orders: 0,
});

export const netVolume = (side: SideSums): Volume => side.buyVolume - side.sellVolume;

export const isEmptySide = (side: SideSums): boolean =>
  side.positions === 0 && side.orders === 0 && side.lockedVolume === 0 && side.pendingVolume === 0;

/** What one open position adds to every aggregate it belongs to. */
export interface PositionContribution {
  action: number;
  volume: Volume;
  /** scaledPrice(priceOpen) × volume. */
  openValue: bigint;
}

export const openValueOf = (volume: Volume, priceOpen: number): bigint => scaledPrice(priceOpen) * BigInt(volume);

export function contributionOf(action: number, volume: Volume, priceOpen: number): PositionContribution {
  return { action, volume, openValue: openValueOf(volume, priceOpen) };
}

export function addPosition(side: SideSums, c: PositionContribution, sign: 1 | -1): void {
  if (c.action === PositionAction.BUY) {
    side.buyVolume += sign * c.volume;
    side.buyOpen += sign === 1 ? c.openValue : -c.openValue;
  } else {
    side.sellVolume += sign * c.volume;
    side.sellOpen += sign === 1 ? c.openValue : -c.openValue;
  }
  side.positions += sign;
}

export function addOrder(side: SideSums, pendingVolume: Volume, sign: 1 | -1): void {
  side.pendingVolume += sign * pendingVolume;
  side.orders += sign;
}

/** Adds (or takes back) every figure of `from` into `into`: moving an account between slices. */
export function mergeSide(into: SideSums, from: SideSums, sign: 1 | -1): void {
  into.buyVolume += sign * from.buyVolume;
  into.sellVolume += sign * from.sellVolume;
  into.buyOpen += sign === 1 ? from.buyOpen : -from.buyOpen;
  into.sellOpen += sign === 1 ? from.sellOpen : -from.sellOpen;
  into.pendingVolume += sign * from.pendingVolume;
  into.lockedVolume += sign * from.lockedVolume;
  into.positions += sign * from.positions;
  into.orders += sign * from.orders;
}

/**
 * The sums of one symbol on one server within one slice (the whole server, a group, a region or
 * a book). A cell is valued with its server's symbol spec and quotes when a row is read.
 */
export interface Cell {
  readonly server: ServerId;
  readonly symbol: string;
  /** The slice it belongs to: the group, region or book name; the symbol for symbol cells. */
  readonly slice: string;
  readonly client: SideSums;
  readonly coverage: SideSums;
}

export const newCell = (server: ServerId, symbol: string, slice: string): Cell => ({
  server,
  symbol,
  slice,
  client: emptySide(),
  coverage: emptySide(),
});

export const isEmptyCell = (cell: Cell): boolean => isEmptySide(cell.client) && isEmptySide(cell.coverage);

/** Σ margin and equity of a group's accounts, cents of the group currency. */
export interface MarginCell {
  readonly server: ServerId;
  readonly group: string;
  accounts: number;
  margin: number;
  equity: number;
  /** Σ margin × leverage: the notional the margin stands for, for the effective leverage. */
  leveragedMargin: number;
}

export const newMarginCell = (server: ServerId, group: string): MarginCell => ({
  server,
  group,
  accounts: 0,
  margin: 0,
  equity: 0,
  leveragedMargin: 0,
});

const PENDING_TYPES_FIRST = OrderType.BUY_LIMIT;
const PENDING_TYPES_LAST = OrderType.SELL_STOP_LIMIT;
const LIVE_ORDER_STATES: ReadonlySet<number> = new Set([OrderState.STARTED, OrderState.PLACED, OrderState.PARTIAL]);

/**
 * The signed volume a pending order adds if it triggers (buy types are even, sell types odd);
 * 0 for market and close-by orders and for orders no longer working.
 */
export function pendingVolumeOf(order: Pick<Order, 'type' | 'state' | 'volumeCurrent'>): Volume {
  if (order.type < PENDING_TYPES_FIRST || order.type > PENDING_TYPES_LAST) return 0;
  if (!LIVE_ORDER_STATES.has(order.state)) return 0;
  return order.type % 2 === 0 ? order.volumeCurrent : -order.volumeCurrent;
}

/** Adds (or takes back) one account's margin figures in its group's margin cell. */
export function addFigures(cell: MarginCell, figures: AccountFigures, sign: 1 | -1): void {
  cell.accounts += sign;
  cell.margin += sign * figures.margin;
  cell.equity += sign * figures.equity;
  cell.leveragedMargin += sign * figures.margin * figures.leverage;
}
