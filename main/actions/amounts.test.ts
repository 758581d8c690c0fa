import { describe, expect, it } from 'vitest';
import { parseAmount } from './amounts';

const cents = (input: string | number, signed = false) => {
  const result = parseAmount(input, { signed });
  return result.ok ? result.cents : result.message;
};

describe('parseAmount', () => {
  it('reads plain and grouped decimals into cents without float drift', () => {
    expect(cents('1500')).toBe(150_000);
    expect(cents('1500.5')).toBe(150_050);
    expect(cents(' 1500.05 ')).toBe(150_005);
    expect(cents('1,500.25')).toBe(150_025);
    expect(cents('1,000,000,000')).toBe(100_000_000_000);
    expect(cents('0.01')).toBe(1);
    expect(cents('+20')).toBe(2_000);
    expect(cents(1500.25)).toBe(150_025);
    expect(cents(0.29)).toBe(29);
  });

  it('refuses what is not plainly an amount, saying what was typed', () => {
    expect(cents('abc')).toBe("Amount must be a number with at most 2 decimals, got 'abc'.");
    expect(cents('')).toBe("Amount must be a number with at most 2 decimals, got ''.");
    expect(cents('12abc')).toMatch(/at most 2 decimals, got '12abc'/);
    expect(cents('1e3')).toMatch(/got '1e3'/);
    expect(cents('1,50')).toBe("Amount must use a dot for decimals (commas only separate thousands), got '1,50'.");
    expect(cents('15,00,000')).toMatch(/at most 2 decimals, got '15,00,000'/);
    expect(cents('1.234')).toBe("Amount must have at most 2 decimals, got '1.234'.");
    expect(cents(0.1 + 0.2)).toMatch(/at most 2 decimals/);
    expect(cents(Number.NaN)).toBe('Amount must be a finite number, got NaN.');
    expect(cents(Number.POSITIVE_INFINITY)).toBe('Amount must be a finite number, got Infinity.');
  });

  it('refuses zero, a negative amount unless signed, and more than 1e9', () => {
    expect(cents('0')).toBe("Amount must not be zero, got '0'.");
    expect(cents('0.00')).toMatch(/not be zero/);
    expect(cents('-5')).toMatch(/must be positive, got '-5'/);
    expect(cents('-5', true)).toBe(-500);
    expect(cents('-0', true)).toMatch(/not be zero/);
    expect(cents('1000000000.00')).toBe(100_000_000_000);
    expect(cents('1000000000.01')).toMatch(/at most 1,000,000,000/);
    expect(cents('99999999999999999999')).toMatch(/at most 1,000,000,000/);
    expect(cents(1e21)).toMatch(/at most 2 decimals/);
  });
});
