import { describe, expect, it } from 'vitest';
import { MidHistory, TypicalMove } from './price-history';

describe('MidHistory', () => {
  it('measures the move against the last mid at or before the window start, per second', () => {
    const history = new MidHistory();
    history.record(0, 1.0);
    history.record(500, 1.1); // same second: replaces
    history.record(30_000, 1.2);
    history.record(61_000, 1.5);
    // Reference for t = 61 s over 60 s: the mid of second 1 or before → 1.1 (second 0).
    expect(history.moveOver(61_000, 60_000)).toBeCloseTo(0.4);
    expect(history.moveOver(90_000, 60_000)).toBeCloseTo(0.3);
    expect(history.moveOver(125_000, 60_000)).toBe(0);
  });

  it('ignores a tick older than what it holds, and stays window-sized', () => {
    const history = new MidHistory();
    for (let s = 0; s < 10_000; s++) {
      history.record(s * 1000, s);
      history.moveOver(s * 1000, 60_000);
    }
    history.record(5_000, -1);
    expect(history.latest).toBe(9_999);
    expect(history.moveOver(9_999_000, 60_000)).toBe(60);
  });
});

describe('TypicalMove', () => {
  it('averages the absolute move of whole windows, chained close to open', () => {
    const typical = new TypicalMove();
    const mids = [1, 1.2, 1.1, 1.4, 1.0];
    for (const [window, mid] of mids.entries()) typical.record(window * 60_000 + 1, mid, 60_000, 30);
    // Moves of windows 0..3: |1-1|, |1.2-1|, |1.1-1.2|, |1.4-1.1| (window 4 is still open).
    expect(typical.windows).toBe(4);
    expect(typical.typical(4)).toBeCloseTo((0 + 0.2 + 0.1 + 0.3) / 4);
    expect(typical.typical(5)).toBeNull();
  });

  it('starts afresh after a gap, so a closed market is not one huge window', () => {
    const typical = new TypicalMove();
    typical.record(0, 1.0, 60_000, 30);
    typical.record(59_000, 1.1, 60_000, 30);
    typical.record(10 * 60_000, 2.0, 60_000, 30); // gap of 9 windows
    typical.record(11 * 60_000, 2.1, 60_000, 30);
    expect(typical.typical(2)).toBeCloseTo((0.1 + 0) / 2);
  });
});
