/**
 * Specs and records for the exposure tests and benchmark: a small desk with FX (EURUSD, USDJPY),
 * a metal CFD (XAUUSD), an index in EUR (GER40), netting, hedging and coverage groups.
 */
import type { Account, GroupSpec, Order, Position, SymbolSpec } from '../../../shared/domain';
import { CalcMode, MarginMode, OrderState } from '../../../shared/mt5';
import { lotsToVolume, type Volume } from '../../../shared/units';

const symbol = (
  name: string,
  calcMode: number,
  contractSize: number,
  base: string,
  profit: string,
  digits: number,
): SymbolSpec => ({
  symbol: name,
  path: name,
  description: name,
  digits,
  calcMode,
  contractSize,
  tickSize: 10 ** -digits,
  tickValue: contractSize * 10 ** -digits,
  currencyBase: base,
  currencyProfit: profit,
  currencyMargin: base,
  volumeMin: lotsToVolume(0.01),
  volumeMax: lotsToVolume(100),
  volumeStep: lotsToVolume(0.01),
  swapLong: 0,
  swapShort: 0,
});

export const EURUSD = symbol('EURUSD', CalcMode.FOREX, 100_000, 'EUR', 'USD', 5);
export const USDJPY = symbol('USDJPY', CalcMode.FOREX, 100_000, 'USD', 'JPY', 3);
export const XAUUSD = symbol('XAUUSD', CalcMode.CFD, 100, 'XAU', 'USD', 2);
export const GER40 = symbol('GER40', CalcMode.CFDINDEX, 1, 'EUR', 'EUR', 1);
export const SYMBOLS: readonly SymbolSpec[] = [EURUSD, USDJPY, XAUUSD, GER40];

export const group = (name: string, currency: string, marginMode: number, coverage = false): GroupSpec => ({
  group: name,
  currency,
  currencyDigits: 2,
  marginMode,
  marginSOMode: 0,
  marginCall: 100,
  marginStopOut: 50,
  commissionPerLot: 0,
  commissionEntry: 0,
  coverage,
});

export const NETTING_USD = group('retail\\usd-netting', 'USD', MarginMode.RETAIL_NETTING);
export const HEDGING_EUR = group('retail\\eur-hedging', 'EUR', MarginMode.RETAIL_HEDGED);
export const COVERAGE = group('coverage\\lp1', 'USD', MarginMode.RETAIL_HEDGED, true);
export const GROUPS: readonly GroupSpec[] = [NETTING_USD, HEDGING_EUR, COVERAGE];

/** Money in cents. */
export const account = (login: number, groupName: string, margin = 0, equity = 0, leverage = 100): Account => ({
  login,
  group: groupName,
  name: `Account ${login}`,
  leverage,
  rights: 0x163,
  country: 'DE',
  balance: equity,
  credit: 0,
  margin,
  equity,
  floating: 0,
  registrationMsc: 0,
});

export const position = (
  ticket: number,
  login: number,
  symbolName: string,
  action: 0 | 1,
  volume: Volume,
  priceOpen: number,
): Position => ({
  ticket,
  login,
  symbol: symbolName,
  action,
  volume,
  priceOpen,
  priceCurrent: priceOpen,
  priceSL: 0,
  priceTP: 0,
  profit: 0,
  swap: 0,
  timeCreateMsc: 0,
  timeUpdateMsc: 0,
  reason: 0,
  comment: '',
});

export const order = (
  ticket: number,
  login: number,
  symbolName: string,
  type: number,
  volume: Volume,
  state: number = OrderState.PLACED,
): Order => ({
  ticket,
  login,
  symbol: symbolName,
  type,
  state,
  volumeInitial: volume,
  volumeCurrent: volume,
  priceOrder: 1,
  priceTrigger: 0,
  priceSL: 0,
  priceTP: 0,
  timeSetupMsc: 0,
  comment: '',
});
