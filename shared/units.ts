/**
 * Units. Inside the desk, volume and money are integers so sums never drift:
 * - Volume: integer 1/10^8 lot (MT5 `VolumeExt`). 1 lot = 100_000_000.
 * - Money: integer minor units (cents) of the account's currency, at 2 digits.
 * - Time: epoch milliseconds as the server stamps it (`*Msc`; MT5 servers use their own offset).
 * Prices stay doubles at the symbol's digits, as MT5 keeps them.
 *
 * Conversion from wire units happens here and nowhere else.
 */

export type Volume = number;
export type Money = number;
export type TimeMsc = number;

export const VOLUME_PER_LOT = 100_000_000;
/** MT5 `Volume` counts 1/10000 lot; `VolumeExt` counts 1/1e8 lot, so VolumeExt = Volume × 10000. */
export const VOLUME_EXT_PER_VOLUME = 10_000;
export const MONEY_DIGITS = 2;
const MONEY_SCALE = 100;

/** A wire volume to desk units: prefer VolumeExt (finer), else Volume × 10000. */
export function volumeFromWire(wire: { Volume?: number; VolumeExt?: number }): Volume {
  if (wire.VolumeExt !== undefined && wire.VolumeExt !== 0) return wire.VolumeExt;
  if (wire.Volume !== undefined) return wire.Volume * VOLUME_EXT_PER_VOLUME;
  return 0;
}

/** Desk volume to the wire's 1/10000-lot `Volume` (what requests carry). */
export function volumeToWire(volume: Volume): number {
  return Math.round(volume / VOLUME_EXT_PER_VOLUME);
}

export const lotsToVolume = (lots: number): Volume => Math.round(lots * VOLUME_PER_LOT);
export const volumeToLots = (volume: Volume): number => volume / VOLUME_PER_LOT;

/** A money double (as the wire and price maths give it) to integer cents, rounded half away from zero. */
export function moneyFromDouble(amount: number): Money {
  const scaled = amount * MONEY_SCALE;
  // Guard the representation error of doubles (1.005 * 100 = 100.49999...) before rounding.
  const nudged = scaled + Math.sign(scaled) * 1e-7;
  const cents = Math.round(Math.abs(nudged));
  // No negative zero: it would print as "-0.00" and fail equality with a zero balance.
  return cents === 0 ? 0 : Math.sign(nudged) * cents;
}

export const moneyToDouble = (money: Money): number => money / MONEY_SCALE;

// One formatter for every cell: `toLocaleString` builds a new one on each call, which showed up
// as 5% of the page's time with two live grids.
const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, useGrouping: true });

/** Formats cents for display: 123456 → "1,234.56". */
export function formatMoney(money: Money): string {
  const sign = money < 0 ? '-' : '';
  const abs = Math.abs(money);
  const whole = grouping.format(Math.floor(abs / MONEY_SCALE));
  const frac = String(abs % MONEY_SCALE).padStart(MONEY_DIGITS, '0');
  return `${sign}${whole}.${frac}`;
}

/** MT5 `Time` fields are seconds and `*Msc` fields milliseconds; the desk keeps milliseconds. */
export function timeFromWire(wire: { Time?: number; TimeMsc?: number }): TimeMsc {
  if (wire.TimeMsc !== undefined && wire.TimeMsc !== 0) return wire.TimeMsc;
  return (wire.Time ?? 0) * 1000;
}
