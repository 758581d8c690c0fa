/**
 * Desk units → the Web API's scalars. MT5 sends every scalar as a JSON string ("764636",
 * "1.10868", "1234.56"), prices at the symbol's Digits and money at the currency's digits, so
 * these all return strings; a client that parses leniently (scalars.ts) reads them back exactly.
 */
import type { Money, TimeMsc, Volume } from '../../../../shared/units';
import { volumeToWire } from '../../../../shared/units';

/** Integers: tickets, logins, enums, Msc times, Volume/VolumeExt. */
export const int = (n: number): string => String(Math.trunc(n));

/** A price at the record's digits. */
export const price = (value: number, digits: number): string => value.toFixed(digits);

/**
 * Integer cents at the currency's digits, by integer arithmetic at 2 digits (the desk's money
 * unit), so a balance never prints as 1234.5599999.
 */
export function money(cents: Money, digits = 2): string {
  if (digits !== 2) return (cents / 100).toFixed(digits);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A plain decimal without exponent or float noise: contract sizes, tick sizes and values, rates. */
export function decimal(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const fixed = value.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

/** MT5 `Time` fields count seconds. */
export const seconds = (msc: TimeMsc): string => String(Math.floor(msc / 1000));

/** Both volume units: `Volume` in 1/10000 lot, `VolumeExt` in 1/1e8 lot (the desk's own). */
export function volumes(volume: Volume, name = 'Volume'): Record<string, string> {
  return { [name]: int(volumeToWire(volume)), [`${name}Ext`]: int(volume) };
}
