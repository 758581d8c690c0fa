/**
 * Tells the core which position rows this window shows, so it revalues those every frame and the
 * rest of the book in slices. Grid events (scroll, sort, filter, every async transaction) call
 * `schedule`; one report goes out at most every `delayMs`, and only when the ids changed.
 * A trailing throttle rather than a debounce: rows update every ~50 ms, which would starve a debounce.
 */
export const MAX_VIEWPORT_IDS = 500;

export interface DisplayedRows {
  getFirstDisplayedRowIndex(): number;
  getLastDisplayedRowIndex(): number;
  getDisplayedRowAtIndex(index: number): { id?: string | undefined } | undefined;
  isDestroyed(): boolean;
}

export interface ViewportReporter {
  schedule(rows: DisplayedRows): void;
  dispose(): void;
}

export function visibleRowIds(rows: DisplayedRows): string[] {
  const first = Math.max(rows.getFirstDisplayedRowIndex(), 0);
  const last = Math.min(rows.getLastDisplayedRowIndex(), first + MAX_VIEWPORT_IDS - 1);
  const ids: string[] = [];
  for (let i = first; i <= last; i++) {
    const id = rows.getDisplayedRowAtIndex(i)?.id;
    if (id !== undefined) ids.push(id);
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
