import type { ExposureFigures, ExposureSnapshot } from '../../../shared/exposure';

/** Test rows: one of each tab, with the broker net of the symbol row chosen by the test. */
export const figures = (over: Partial<ExposureFigures> = {}): ExposureFigures => ({
  clientBuyLots: 2,
  clientSellLots: 1,
  clientNetLots: 1,
  coverageNetLots: 0,
  brokerNetLots: -1,
  clientPendingLots: 0,
  brokerPendingLots: 0,
  lockedLots: 0,
  positions: 3,
  clientNetNotional: 10_000_000,
  brokerNetNotional: -10_000_000,
  absNotional: 10_000_000,
  clientFloating: 1234,
  coverageFloating: 0,
  unpriced: 0,
  ...over,
});

export const snapshot = (brokerNetLots = -1): ExposureSnapshot => ({
  deskCurrency: 'USD',
  symbols: [
    {
      ...figures({ brokerNetLots }),
      server: 'sim-1',
      symbol: 'EURUSD',
      clientNetUnits: 100_000,
      coverageNetUnits: 0,
      brokerNetUnits: -100_000,
    },
  ],
  assets: [{ asset: 'EUR', clientAmount: 1, brokerAmount: -1, clientValue: 1, brokerValue: -1 }],
  groups: [
    {
      ...figures(),
      server: 'sim-1',
      group: 'real\\std',
      margin: { accounts: 2, margin: 100, equity: 400, marginUtilisation: 0.25, effectiveLeverage: 10 },
    },
  ],
  regions: [{ ...figures(), slice: 'EU' }],
  books: [{ ...figures(), slice: 'B' }],
});
