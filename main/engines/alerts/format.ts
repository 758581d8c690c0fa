/** Numbers as a dealer reads them in an alert message (the grids format their own). */
import { formatMoney, type Money, type Volume, volumeToLots } from '../../../shared/units';

/** Desk cents → "5,000,000.00 USD". */
export const money = (cents: Money, currency: string): string => `${formatMoney(Math.round(cents))} ${currency}`;

/** Signed notional, so the direction of the broker's position is in the message. */
export const signedMoney = (cents: Money, currency: string): string =>
  `${cents > 0 ? '+' : ''}${money(cents, currency)}`;

export const lots = (volume: Volume): string => `${volumeToLots(volume).toFixed(2)} lots`;

export const percent = (value: number, digits = 1): string => `${value.toFixed(digits)}%`;

export const share = (fraction: number): string => percent(fraction * 100);

export const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

export const multiple = (value: number): string => `${value.toFixed(1)}×`;
