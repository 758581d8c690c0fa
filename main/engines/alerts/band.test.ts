import { describe, expect, it } from 'vitest';
import { type Band, bandLevel } from './band';

const above: Band = { warn: 100, critical: 200, direction: 'above', hysteresis: 0.1 };
const below: Band = { warn: 100, critical: 60, direction: 'below', hysteresis: 0.05 };

describe('bandLevel', () => {
  it('enters a level at its threshold', () => {
    expect(bandLevel(99, above, null)).toBeNull();
    expect(bandLevel(100, above, null)).toBe('warn');
    expect(bandLevel(200, above, null)).toBe('critical');
    expect(bandLevel(100.01, below, null)).toBeNull();
    expect(bandLevel(100, below, null)).toBe('warn');
    expect(bandLevel(60, below, null)).toBe('critical');
  });

  it('leaves a level only past the margin', () => {
    expect(bandLevel(90, above, 'warn')).toBe('warn');
    expect(bandLevel(89.99, above, 'warn')).toBeNull();
    expect(bandLevel(180, above, 'critical')).toBe('critical');
    expect(bandLevel(179, above, 'critical')).toBe('warn');
    expect(bandLevel(85, above, 'critical')).toBeNull();
    expect(bandLevel(105, below, 'warn')).toBe('warn');
    expect(bandLevel(105.1, below, 'warn')).toBeNull();
    expect(bandLevel(63, below, 'critical')).toBe('critical');
    expect(bandLevel(64, below, 'critical')).toBe('warn');
  });

  it('escalates at the critical threshold, not within its margin', () => {
    expect(bandLevel(190, above, 'warn')).toBe('warn');
    expect(bandLevel(200, above, 'warn')).toBe('critical');
  });
});
