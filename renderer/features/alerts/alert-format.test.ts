import { describe, expect, it } from 'vitest';
import { alertRow } from './alert-fixtures';
import { describeAlertState, formatAlertTime, formatAlertValue, formatValueVsThreshold } from './alert-format';

describe('alert formatting', () => {
  it('formats each unit as a dealer reads it', () => {
    expect(formatAlertValue(500_000_000, 'money', 'USD')).toBe('5,000,000.00 USD');
    expect(formatAlertValue(0.253, 'share', 'USD')).toBe('25.3%');
    expect(formatAlertValue(62, 'percent', 'USD')).toBe('62.0%');
    expect(formatAlertValue(1234.5, 'currency', 'USD')).toBe('1,234.50');
    expect(formatAlertValue(5_000_000_000, 'volume', 'USD')).toBe('50.00 lots');
    expect(formatAlertValue(45_000, 'ms', 'USD')).toBe('45 s');
    expect(formatAlertValue(3.25, 'multiple', 'USD')).toBe('3.3×');
    expect(formatAlertValue(Number.NaN, 'money', 'USD')).toBe('—');
  });

  it('puts the value beside the limit of its level', () => {
    expect(formatValueVsThreshold(alertRow(), 'USD')).toBe('6,000,000.00 USD vs limit 5,000,000.00 USD');
    expect(formatValueVsThreshold(alertRow({ unit: 'percent', value: 62, threshold: 100 }), 'USD')).toBe(
      '62.0% vs limit 100.0%',
    );
  });

  it('shows the time of day for today and the date for older alerts', () => {
    const now = new Date(2025, 4, 2, 15, 0, 0).getTime();
    expect(formatAlertTime(new Date(2025, 4, 2, 9, 5, 7).getTime(), now)).toBe('09:05:07');
    expect(formatAlertTime(new Date(2025, 4, 1, 9, 5, 7).getTime(), now)).toBe('2025-05-01 09:05:07');
    expect(formatAlertTime(null, now)).toBe('—');
  });

  it('says who acted on an alert', () => {
    const at = new Date(2025, 4, 2, 9, 5, 7).getTime();
    const now = at + 1000;
    expect(describeAlertState(alertRow(), now)).toBe('Open');
    expect(
      describeAlertState(alertRow({ state: 'acknowledged', acknowledgedBy: 'anna', acknowledgedMsc: at }), now),
    ).toBe('Acknowledged by anna at 09:05:07');
    expect(describeAlertState(alertRow({ state: 'snoozed', snoozedBy: 'bo', snoozedUntilMsc: at }), now)).toBe(
      'Snoozed by bo until 09:05:07',
    );
    expect(describeAlertState(alertRow({ state: 'resolved', resolvedMsc: at }), now)).toBe('Cleared at 09:05:07');
    expect(describeAlertState(alertRow({ state: 'resolved', resolvedBy: 'cy', resolvedMsc: at }), now)).toBe(
      'Resolved by cy at 09:05:07',
    );
  });
});
