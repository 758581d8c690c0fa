import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  lotsToVolume,
  moneyFromDouble,
  timeFromWire,
  volumeFromWire,
  volumeToLots,
  volumeToWire,
} from './units';

describe('units', () => {
  it('converts wire volumes: Volume is 1/10000 lot, VolumeExt 1/1e8 lot and wins when present', () => {
    expect(volumeFromWire({ Volume: 10_000 })).toBe(lotsToVolume(1));
    expect(volumeFromWire({ Volume: 100 })).toBe(lotsToVolume(0.01));
    expect(volumeFromWire({ Volume: 100, VolumeExt: 1_000_000 })).toBe(1_000_000);
    expect(volumeToWire(lotsToVolume(0.01))).toBe(100);
    expect(volumeToLots(lotsToVolume(2.37))).toBe(2.37);
  });

  it('rounds money to cents half away from zero, despite binary representation', () => {
    expect(moneyFromDouble(1.005)).toBe(101);
    expect(moneyFromDouble(-1.005)).toBe(-101);
    expect(moneyFromDouble(0.1 + 0.2)).toBe(30);
    expect(moneyFromDouble(999_999_999.99)).toBe(99_999_999_999);
    expect(moneyFromDouble(-0.004)).toBe(0);
  });

  it('formats cents with grouping and sign', () => {
    expect(formatMoney(123_456)).toBe('1,234.56');
    expect(formatMoney(-5)).toBe('-0.05');
    expect(formatMoney(0)).toBe('0.00');
  });

  it('keeps milliseconds: TimeMsc as is, Time seconds × 1000', () => {
    expect(timeFromWire({ TimeMsc: 1_700_000_000_123, Time: 1_700_000_000 })).toBe(1_700_000_000_123);
    expect(timeFromWire({ Time: 1_700_000_000 })).toBe(1_700_000_000_000);
  });
});
