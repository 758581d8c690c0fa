/**
 * Display formatting for the desk. The core sends integers (money in cents) and raw doubles
 * (prices, lots); everything is turned into text here, at the edge, and nowhere else.
 */
import { formatMoney } from '../shared/units';

const DASH = '—';

/** Cents of the account currency → "1,234.56" (via the contract's own formatter, so tests can compare). */
export function formatMoneyCell(cents: number | null | undefined): string {
  return typeof cents === 'number' && Number.isFinite(cents) ? formatMoney(cents) : DASH;
}

const lotsFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Lots always show two decimals: 0.01 is the smallest lot a dealer reads. */
export function formatLots(lots: number | null | undefined): string {
  return typeof lots === 'number' && Number.isFinite(lots) ? lotsFormat.format(lots) : DASH;
}

/** A price at its symbol's digits (EURUSD 1.08523, XAUUSD 2345.67, US500 5123.4). */
export function formatPrice(price: number | null | undefined, digits: number): string {
  if (typeof price !== 'number' || !Number.isFinite(price)) return DASH;
  const safeDigits = Math.min(Math.max(Math.trunc(digits), 0), 10);
  return price.toFixed(safeDigits);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * MT5 stamps times in the server's own zone as if it were UTC, so the UTC fields of the number are
 * the server's wall clock: read them with getUTC*, never the local zone, or every desk would shift it.
 */
export function formatServerTime(msc: number | null | undefined): string {
  if (typeof msc !== 'number' || !Number.isFinite(msc) || msc <= 0) return DASH;
  const d = new Date(msc);
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  return `${date} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** Margin level in percent; no margin (no open positions) has no level. */
export function formatMarginLevel(level: number | null | undefined): string {
  return typeof level === 'number' && Number.isFinite(level) ? `${level.toFixed(2)}%` : DASH;
}

export const formatLeverage = (leverage: number): string => `1:${leverage}`;

const countFormat = new Intl.NumberFormat('en-US');
export const formatCount = (n: number): string => countFormat.format(n);

/** How old a server's data is: short enough for a status bar, precise enough to spot a stall. */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return DASH;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond < 0) return DASH;
  return perSecond < 10 ? perSecond.toFixed(1) : countFormat.format(Math.round(perSecond));
}
