import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createViewportReporter, type DisplayedRows, MAX_VIEWPORT_IDS, visibleRowIds } from './viewport-reporter';

const ROW = 24;

/** Rows first..last rendered, 24 px each; by default all of them in view. */
const rows = (first: number, last: number, view = { top: first * ROW, bottom: (last + 1) * ROW }): DisplayedRows => ({
  getFirstDisplayedRowIndex: () => first,
  getLastDisplayedRowIndex: () => last,
  getDisplayedRowAtIndex: (i) => ({ id: `r${i}`, rowTop: i * ROW, rowHeight: ROW }),
  getVerticalPixelRange: () => view,
  isDestroyed: () => false,
});

describe('viewport reporter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports the rendered rows, capped at the contract limit', () => {
    expect(visibleRowIds(rows(3, 5))).toEqual(['r3', 'r4', 'r5']);
    expect(visibleRowIds(rows(0, 10_000))).toHaveLength(MAX_VIEWPORT_IDS);
    expect(visibleRowIds(rows(-1, -1))).toEqual([]);
  });

  it('leaves out the buffer rows rendered beyond the view, and keeps a row partly in view', () => {
    // Rows 0–19 rendered; the view shows from 5 px into row 5 to 10 px into row 12.
    const view = { top: 5 * ROW + 5, bottom: 12 * ROW + 10 };
    expect(visibleRowIds(rows(0, 19, view))).toEqual(['r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11', 'r12']);
    // A row just above the view (its bottom edge at the view's top) is out of it.
    expect(visibleRowIds(rows(0, 19, { top: 2 * ROW, bottom: 4 * ROW }))).toEqual(['r2', 'r3']);
  });

  it('sends at most once per delay, and only when the ids change', () => {
    const sent: string[][] = [];
    const reporter = createViewportReporter((ids) => sent.push(ids), 100);
    for (let i = 0; i < 10; i++) reporter.schedule(rows(0, 2));
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([['r0', 'r1', 'r2']]);
    reporter.schedule(rows(0, 2));
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);
    reporter.schedule(rows(1, 3));
    vi.advanceTimersByTime(100);
    expect(sent.at(-1)).toEqual(['r1', 'r2', 'r3']);
  });

  it('is not starved by a steady stream of updates', () => {
    const sent: string[][] = [];
    const reporter = createViewportReporter((ids) => sent.push(ids), 100);
    for (let t = 0; t < 300; t += 50) {
      reporter.schedule(rows(0, 1));
      vi.advanceTimersByTime(50);
    }
    expect(sent.length).toBeGreaterThan(0);
  });
});
