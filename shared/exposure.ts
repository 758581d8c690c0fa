/**
 * What the exposure panel shows (DOMAIN.md "Exposure"): one schema per tab's row, so the
 * contract validates what the core sends and the engine's types derive from the same place.
 * Lots are numbers of lots; money is desk-currency cents; null while a figure cannot be priced.
 */
import { z } from 'zod';

const money = z.number().int();
const pricedMoney = money.nullable();

export const exposureFiguresSchema = z.object({
  clientBuyLots: z.number(),
  clientSellLots: z.number(),
  clientNetLots: z.number(),
  coverageNetLots: z.number(),
  /** coverage net − client net: the broker is the clients' counterparty. */
  brokerNetLots: z.number(),
  /** Signed lots of clients' pending orders if they all triggered; beside the net, not in it. */
  clientPendingLots: z.number(),
  /** The broker's side of all pending orders: coverage pending − client pending. */
  brokerPendingLots: z.number(),
  /** Clients' offsetting volume in hedging accounts: Σ min(buy, sell) per account and symbol. */
  lockedLots: z.number(),
  positions: z.number().int(),
  clientNetNotional: pricedMoney,
  brokerNetNotional: pricedMoney,
  /** Σ |broker net notional| of the row's symbols: gross exposure across symbols. */
  absNotional: pricedMoney,
  clientFloating: pricedMoney,
  coverageFloating: pricedMoney,
  /** Cells left out of the money figures (no symbol spec, quote or conversion route yet). */
  unpriced: z.number().int(),
});
export type ExposureFigures = z.infer<typeof exposureFiguresSchema>;

export const symbolExposureSchema = exposureFiguresSchema.extend({
  server: z.string(),
  symbol: z.string(),
  /** Contract-size-adjusted; null while the symbol spec or quote is missing. */
  clientNetUnits: z.number().nullable(),
  coverageNetUnits: z.number().nullable(),
  brokerNetUnits: z.number().nullable(),
});
export type SymbolRow = z.infer<typeof symbolExposureSchema>;

export const groupMarginSchema = z.object({
  currency: z.string().optional(),
  accounts: z.number().int(),
  /** Cents of the group currency. */
  margin: money,
  equity: money,
  /** Σ margin / Σ equity: each account's margin/equity weighted by its equity. */
  marginUtilisation: z.number().nullable(),
  /** Σ (margin × leverage) / Σ equity: the notional the group holds per unit of equity. */
  effectiveLeverage: z.number().nullable(),
});
export type GroupMargin = z.infer<typeof groupMarginSchema>;

export const groupExposureSchema = exposureFiguresSchema.extend({
  server: z.string(),
  group: z.string(),
  margin: groupMarginSchema,
});
export type GroupRow = z.infer<typeof groupExposureSchema>;

/** A region or book row; both span every server. */
export const sliceExposureSchema = exposureFiguresSchema.extend({ slice: z.string() });
export type SliceRow = z.infer<typeof sliceExposureSchema>;

export const assetExposureSchema = z.object({
  /** A currency, or a non-FX symbol held as an asset of its own. */
  asset: z.string(),
  /** Hundredths of the asset (cents of a currency). */
  clientAmount: money,
  brokerAmount: money,
  /** Desk-currency cents. */
  clientValue: money,
  brokerValue: money,
});
export type AssetRow = z.infer<typeof assetExposureSchema>;

export const exposureSnapshotSchema = z.object({
  deskCurrency: z.string(),
  symbols: z.array(symbolExposureSchema),
  assets: z.array(assetExposureSchema),
  groups: z.array(groupExposureSchema),
  regions: z.array(sliceExposureSchema),
  books: z.array(sliceExposureSchema),
});
export type ExposureSnapshot = z.infer<typeof exposureSnapshotSchema>;
