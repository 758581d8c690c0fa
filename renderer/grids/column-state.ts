/**
 * Column order, width, sort and visibility, kept by the core (`layout.save` / `layout.get`)
 * rather than localStorage: browser mode gets a new port, hence a new origin, on every launch.
 */
import type { ColumnState, GridApi } from 'ag-grid-community';
import { z } from 'zod';
import type { DeskApi } from '../../shared/contract';

const savedColumnsSchema = z.array(
  z.looseObject({
    colId: z.string(),
    width: z.number().optional(),
    hide: z.boolean().nullable().optional(),
    sort: z.enum(['asc', 'desc']).nullable().optional(),
    sortIndex: z.number().nullable().optional(),
    pinned: z.enum(['left', 'right']).nullable().optional(),
  }),
);

const SAVE_DELAY_MS = 400;

export interface ColumnStateKeeper {
  /** Applies the saved state; saving only starts after this, so defaults never overwrite it. */
  restore(api: GridApi): Promise<void>;
  /** Call on every column change; saves once the dealer stops dragging. */
  changed(api: GridApi): void;
  dispose(): void;
}

export function keepColumnState(desk: DeskApi, key: string): ColumnStateKeeper {
  let restored = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  return {
    async restore(api) {
      try {
        const reply = await desk['layout.get']({ key });
        const saved = reply.ok ? savedColumnsSchema.safeParse(reply.value) : null;
        if (saved?.success && !api.isDestroyed()) {
          api.applyColumnState({ state: saved.data as ColumnState[], applyOrder: true });
        }
      } finally {
        restored = true;
      }
    },
    changed(api) {
      if (!restored) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (api.isDestroyed()) return;
        // A failed save is not worth interrupting a dealer for; the next change tries again.
        void desk['layout.save']({ key, state: api.getColumnState() }).catch(() => undefined);
      }, SAVE_DELAY_MS);
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
