/**
 * Typed access to the Electron preload's bridge. `window.desk` exists only when the app's preload
 * ran in a context-isolated window; in browser mode use ws-client instead.
 */
import type { DeskApi } from '../../shared/contract';

/** The bridge the preload exposed, or null outside the Electron app. */
export function electronDesk(): DeskApi | null {
  return (globalThis as { desk?: DeskApi }).desk ?? null;
}

export const isElectronDesk = (): boolean => electronDesk() !== null;
