/**
 * Read-time valuation of one cell at its server's current quotes: the only place prices enter.
 * Conversions go through the book's rate cells (shared/pricing.ts routes), so a figure here is
 * converted exactly as the rest of the desk converts it, spread side included.
 */
import type { SymbolSpec } from '../../../shared/domain';
import { CalcMode } from '../../../shared/mt5';
import { closePrice } from '../../../shared/pricing';
import { type Money, moneyFromDouble, VOLUME_PER_LOT, volumeToLots } from '../../../shared/units';
import type { QuoteCell, ServerBook } from '../book/state';
import { type Cell, netVolume, type SideSums, scaledPrice, unscale } from './aggregates';

export const isFx = (spec: SymbolSpec): boolean =>
  spec.calcMode === CalcMode.FOREX || spec.calcMode === CalcMode.FOREX_NO_LEVERAGE;

/** A net position is valued where it would close: a long at bid, a short at ask. */
const closeOf = (units: number, quote: QuoteCell): number => closePrice(units >= 0 ? 0 : 1, quote);

/** Profit currency per lot per unit of price: contract size, or tick value per tick for futures. */
const profitPerLotPerPrice = (spec: SymbolSpec): number =>
  spec.calcMode === CalcMode.FUTURES ? spec.tickValue / spec.tickSize : spec.contractSize;

export interface CellValuation {
  clientNetUnits: number;
  coverageNetUnits: number;
  brokerNetUnits: number;
  /** Desk-currency cents. */
  clientNetNotional: Money;
  brokerNetNotional: Money;
  clientFloating: Money;
  coverageFloating: Money;
  /** Asset legs of the broker's and the clients' net, in the asset and in desk cents. */
  legs: readonly AssetLeg[];
}

export interface AssetLeg {
  asset: string;
  /** In hundredths of the asset (cents of a currency), so sums across cells are exact. */
  clientAmount: Money;
  brokerAmount: Money;
  clientValue: Money;
  brokerValue: Money;
}

/** Values a cell, or undefined while its symbol, a quote or a conversion route is missing. */
export function valueCell(cell: Cell, book: ServerBook, desk: string): CellValuation | undefined {
  const spec = book.symbols.get(cell.symbol);
  if (!spec) return undefined;
  const quote = book.quotes.get(cell.symbol);
  if (!quote || !(quote.bid > 0)) return undefined;
  const clientNet = netVolume(cell.client);
  const coverageNet = netVolume(cell.coverage);
  const unitsOf = (volume: number): number => volumeToLots(volume) * spec.contractSize;
  const clientNetUnits = unitsOf(clientNet);
  const coverageNetUnits = unitsOf(coverageNet);
  const brokerNetUnits = unitsOf(coverageNet - clientNet);

  const clientNotional = notional(spec, clientNetUnits, quote, book, desk);
  const brokerNotional = notional(spec, brokerNetUnits, quote, book, desk);
  const clientFloating = floating(spec, cell.client, quote, book, desk);
  const coverageFloating = floating(spec, cell.coverage, quote, book, desk);
  const legs = assetLegs(spec, clientNetUnits, brokerNetUnits, quote, book, desk);
  if (
    clientNotional === undefined ||
    brokerNotional === undefined ||
    clientFloating === undefined ||
    coverageFloating === undefined ||
    legs === undefined
  ) {
    return undefined;
  }
  return {
    clientNetUnits,
    coverageNetUnits,
    brokerNetUnits,
    clientNetNotional: moneyFromDouble(clientNotional),
    brokerNetNotional: moneyFromDouble(brokerNotional),
    clientFloating: moneyFromDouble(clientFloating),
    coverageFloating: moneyFromDouble(coverageFloating),
    legs,
  };
}

/** FX: the units are base currency; anything else: units × price in the profit currency. */
function notional(spec: SymbolSpec, units: number, quote: QuoteCell, book: ServerBook, desk: string) {
  if (units === 0) return 0;
  if (isFx(spec)) return book.rate(spec.currencyBase, desk).convert(units);
  return book.rate(spec.currencyProfit, desk).convert(units * closeOf(units, quote));
}

/** Price P&L of a side (profit currency, converted): exact in BigInt until the final division. */
function floating(spec: SymbolSpec, side: SideSums, quote: QuoteCell, book: ServerBook, desk: string) {
  if (side.buyVolume === 0 && side.sellVolume === 0) return 0;
  const priceVolume =
    scaledPrice(quote.bid) * BigInt(side.buyVolume) -
    side.buyOpen +
    side.sellOpen -
    scaledPrice(quote.ask) * BigInt(side.sellVolume);
  const profit = (unscale(priceVolume) / VOLUME_PER_LOT) * profitPerLotPerPrice(spec);
  return book.rate(spec.currencyProfit, desk).convert(profit);
}

/**
 * MT5's Exposure window: FX splits into +U base and −U × price quote; anything else is its own
 * asset (U contracts, worth U × price) against −U × price in the profit currency.
 */
function assetLegs(
  spec: SymbolSpec,
  clientUnits: number,
  brokerUnits: number,
  quote: QuoteCell,
  book: ServerBook,
  desk: string,
): AssetLeg[] | undefined {
  const clientMoney = -clientUnits * closeOf(clientUnits, quote);
  const brokerMoney = -brokerUnits * closeOf(brokerUnits, quote);
  const toDesk = book.rate(spec.currencyProfit, desk);
  const clientMoneyValue = toDesk.convert(clientMoney);
  const brokerMoneyValue = toDesk.convert(brokerMoney);
  const fx = isFx(spec);
  const clientAssetValue = fx ? book.rate(spec.currencyBase, desk).convert(clientUnits) : toDesk.convert(-clientMoney);
  const brokerAssetValue = fx ? book.rate(spec.currencyBase, desk).convert(brokerUnits) : toDesk.convert(-brokerMoney);
  if (
    clientMoneyValue === undefined ||
    brokerMoneyValue === undefined ||
    clientAssetValue === undefined ||
    brokerAssetValue === undefined
  ) {
    return undefined;
  }
  return [
    {
      asset: fx ? spec.currencyBase : spec.symbol,
      clientAmount: moneyFromDouble(clientUnits),
      brokerAmount: moneyFromDouble(brokerUnits),
      clientValue: moneyFromDouble(clientAssetValue),
      brokerValue: moneyFromDouble(brokerAssetValue),
    },
    {
      asset: spec.currencyProfit,
      clientAmount: moneyFromDouble(clientMoney),
      brokerAmount: moneyFromDouble(brokerMoney),
      clientValue: moneyFromDouble(clientMoneyValue),
      brokerValue: moneyFromDouble(brokerMoneyValue),
    },
  ];
}
