/**
 * Alert figures and states as text. `value` and `threshold` come in the rule's own unit
 * (shared/alerts.ts `AlertUnit`); alert times are the desk's clock (epoch ms), shown in local time,
 * unlike MT5 server times (format.ts formatServerTime).
 */
import type { AlertRule, AlertUnit } from '../../../shared/alerts';
import type { AlertRow } from '../../../shared/contract';
import { formatMoney, volumeToLots } from '../../../shared/units';

const DASH = '—';
const amount = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatAlertValue(value: number, unit: AlertUnit, deskCurrency: string): string {
  if (!Number.isFinite(value)) return DASH;
  switch (unit) {
    case 'money':
      return `${formatMoney(Math.round(value))} ${deskCurrency}`.trim();
    case 'share':
      return `${(value * 100).toFixed(1)}%`;
    case 'percent':
      return `${value.toFixed(1)}%`;
    case 'currency':
      return amount.format(value);
    case 'volume':
      return `${volumeToLots(value).toFixed(2)} lots`;
    case 'ms':
      return value < 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value / 1000)} s`;
    case 'multiple':
      return `${value.toFixed(1)}×`;
  }
}

/**
 * "value vs limit". No ≥ or ≤: within the hysteresis band an alert keeps its level while the value
 * is already back on the safe side of the threshold, and a sign would then read false.
 */
export function formatValueVsThreshold(alert: Pick<AlertRow, 'value' | 'threshold' | 'unit'>, ccy: string): string {
  return `${formatAlertValue(alert.value, alert.unit, ccy)} vs limit ${formatAlertValue(alert.threshold, alert.unit, ccy)}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Today's alerts show the time; older ones the date too. */
export function formatAlertTime(msc: number | null, now: number = Date.now()): string {
  if (msc === null || !Number.isFinite(msc) || msc <= 0) return DASH;
  const d = new Date(msc);
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
  const today = new Date(now);
  const sameDay =
    d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
  return sameDay ? time : `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${time}`;
}

/** Who did what to the alert, in one line for its card. */
export function describeAlertState(alert: AlertRow, now: number = Date.now()): string {
  switch (alert.state) {
    case 'open':
      return 'Open';
    case 'acknowledged':
      return `Acknowledged by ${alert.acknowledgedBy ?? 'unknown'} at ${formatAlertTime(alert.acknowledgedMsc, now)}`;
    case 'snoozed':
      return `Snoozed by ${alert.snoozedBy ?? 'unknown'} until ${formatAlertTime(alert.snoozedUntilMsc, now)}`;
    case 'resolved':
      return alert.resolvedBy
        ? `Resolved by ${alert.resolvedBy} at ${formatAlertTime(alert.resolvedMsc, now)}`
        : `Cleared at ${formatAlertTime(alert.resolvedMsc, now)}`;
  }
}

const RULE_NAMES: Record<AlertRule, string> = {
  concentration: 'Concentration',
  'group-exposure': 'Group exposure',
  'group-floating': 'Group floating',
  'region-exposure': 'Region exposure',
  'region-floating': 'Region floating',
  volatility: 'Volatility',
  margin: 'Margin',
  'large-money': 'Large money',
  'large-deal': 'Large deal',
  'stale-feed': 'Stale feed',
  server: 'Server',
};

export const ruleName = (rule: AlertRule): string => RULE_NAMES[rule];
