import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo } from 'react';
import type { DeskApi } from '../../shared/contract';
import { createViewportReporter } from './viewport-reporter';

/**
 * A grid's `onRowsShown` that tells the core which of its rows are in view (viewport-reporter.ts),
 * so the core revalues those every frame and the rest in slices.
 */
export function useViewportReport<T>(
  desk: DeskApi,
  channel: 'positions.viewport' | 'accounts.viewport',
): (api: GridApi<T>) => void {
  const reporter = useMemo(
    () =>
      createViewportReporter((ids) => {
        // A refused viewport only means slower revaluation of these rows; nothing to show a dealer.
        void desk[channel]({ ids }).catch(() => undefined);
      }),
    [desk, channel],
  );
  useEffect(() => () => reporter.dispose(), [reporter]);
  return useCallback((api: GridApi<T>) => reporter.schedule(api), [reporter]);
}
