/**
 * Tells the core which position rows this window shows, so it revalues those every frame and the
 * rest of the book in slices. Grid events (scroll, sort, filter, every async transaction) call
 * `schedule`; one report goes out at most every `delayMs`, and only when the ids changed.
 * A trailing throttle rather than a debounce: rows update every ~50 ms, which would starve a debounce.
 *
 * Only rows on screen are reported, not the buffer rows ag-grid renders beyond each edge of the
 * view (grid-setup.ts): those are drawn so a wheel notch never shows blank rows, but nobody reads
 * them, and they were up to 10 of the ~28 rows the positions grid revalued and redrew every frame.
 * A row scrolled in shows its figures from the core's last slice until the next report makes it
 * live, within ~100 ms (the throttle) plus a frame.
 */
export const MAX_VIEWPORT_IDS = 500;

export interface DisplayedRow {
  id?: string | undefined;
  rowTop: number | null;
  rowHeight?: number | null | undefined;
}

export interface DisplayedRows {
  getFirstDisplayedRowIndex(): number;
  getLastDisplayedRowIndex(): number;
  getDisplayedRowAtIndex(index: number): DisplayedRow | undefined;
  /** The grid body's scrolled range, in pixels of the row container. */
  getVerticalPixelRange(): { top: number; bottom: number };
  isDestroyed(): boolean;
}

export interface ViewportReporter {
  schedule(rows: DisplayedRows): void;
  dispose(): void;
}

/** Ids of the rendered rows that are at least partly in view, capped at the contract's limit. */
export function visibleRowIds(rows: DisplayedRows): string[] {
  const first = Math.max(rows.getFirstDisplayedRowIndex(), 0);
  const last = Math.min(rows.getLastDisplayedRowIndex(), first + MAX_VIEWPORT_IDS - 1);
  const { top, bottom } = rows.getVerticalPixelRange();
  const ids: string[] = [];
  for (let i = first; i <= last; i++) {
    const row = rows.getDisplayedRowAtIndex(i);
    if (row?.id === undefined || row.rowTop === null) continue;
    const inView = row.rowTop < bottom && row.rowTop + (row.rowHeight ?? 0) > top;
    if (inView) ids.push(row.id);
  }
  return ids;
}

export function createViewportReporter(send: (ids: string[]) => void, delayMs = 100): ViewportReporter {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: DisplayedRows | null = null;
  let lastSent = '';

  return {
    schedule(rows) {
      pending = rows;
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        const target = pending;
        pending = null;
        if (!target || target.isDestroyed()) return;
        const ids = visibleRowIds(target);
        const signature = ids.join('\n');
        if (signature === lastSent) return;
        lastSent = signature;
        send(ids);
      }, delayMs);
    },
    dispose() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
