import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatCount,
  formatLeverage,
  formatLots,
  formatMarginLevel,
  formatMoneyCell,
  formatPrice,
  formatRate,
  formatServerTime,
} from './format';

describe('formatMoneyCell', () => {
  it('shows cents as money with thousands separators', () => {
    expect(formatMoneyCell(123456)).toBe('1,234.56');
    expect(formatMoneyCell(-5)).toBe('-0.05');
    expect(formatMoneyCell(0)).toBe('0.00');
    expect(formatMoneyCell(-123456789)).toBe('-1,234,567.89');
  });
  it('shows a dash for a missing value', () => {
    expect(formatMoneyCell(null)).toBe('—');
    expect(formatMoneyCell(undefined)).toBe('—');
    expect(formatMoneyCell(Number.NaN)).toBe('—');
  });
});

describe('formatLots', () => {
  it('always shows two decimals', () => {
    expect(formatLots(1)).toBe('1.00');
    expect(formatLots(0.01)).toBe('0.01');
    expect(formatLots(12.5)).toBe('12.50');
    expect(formatLots(1500)).toBe('1,500.00');
  });
});

describe('formatPrice', () => {
  it('uses the symbol digits', () => {
    expect(formatPrice(1.085231, 5)).toBe('1.08523');
    expect(formatPrice(2345.6, 2)).toBe('2345.60');
    expect(formatPrice(151.2, 3)).toBe('151.200');
    expect(formatPrice(5123.44, 0)).toBe('5123');
  });
  it('clamps odd digit counts instead of throwing', () => {
    expect(formatPrice(1.5, -2)).toBe('2');
    expect(formatPrice(1.5, 40)).toBe('1.5000000000');
  });
});

describe('formatServerTime', () => {
  it('reads the server clock from the UTC fields', () => {
    expect(formatServerTime(Date.UTC(2024, 2, 5, 7, 8, 9, 450))).toBe('2024-03-05 07:08:09');
  });
  it('shows a dash for no time', () => {
    expect(formatServerTime(0)).toBe('—');
  });
});

describe('small formatters', () => {
  it('margin level, leverage, counts', () => {
    expect(formatMarginLevel(153.456)).toBe('153.46%');
    expect(formatMarginLevel(null)).toBe('—');
    expect(formatLeverage(500)).toBe('1:500');
    expect(formatCount(20000)).toBe('20,000');
  });
  it('data age steps from tenths of a second to hours', () => {
    expect(formatAge(420)).toBe('0.4 s');
    expect(formatAge(45_000)).toBe('45 s');
    expect(formatAge(600_000)).toBe('10 min');
    expect(formatAge(3 * 3_600_000)).toBe('3 h');
  });
  it('events per second', () => {
    expect(formatRate(2.345)).toBe('2.3');
    expect(formatRate(1234.4)).toBe('1,234');
  });
});
