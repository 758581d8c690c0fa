/**
 * UI state of the desk (zustand): filters, the visible panel, server status and counts.
 * Hot row data never lives here: it goes from the stream straight into ag-grid (grids/row-feed.ts),
 * so a price tick never re-renders React.
 */
import { create } from 'zustand';
import type { ServerStatus } from '../../shared/rows';

export interface DeskFilters {
  /** Exact server name, or '' for all servers. */
  server: string;
  /** Case-insensitive part of the group path (e.g. "real\\pro" or "pro"). */
  group: string;
  /** Case-insensitive part of the symbol (EUR matches EURUSD and EURJPY); positions only. */
  symbol: string;
  /** Leading digits of the login. */
  login: string;
  /**
   * Quick search: every word must appear in the row. Positions look in who and what (server, ticket,
   * login, client, group, book, symbol, side, currency); accounts in every column.
   */
  quick: string;
}

export type PanelLayout =
  | 'split'
  | 'positions'
  | 'accounts'
  | 'exposure'
  | 'toxic'
  | 'actions'
  | 'audit'
  | 'alert-history'
  | 'admin';
export type GridName = 'positions' | 'accounts';

export interface GridCount {
  /** Rows after filters. */
  shown: number;
  /** Rows the desk holds. */
  total: number;
  /** A filter is on; shown and total differ for a moment while a frame is applied even without one. */
  filtered: boolean;
}

export interface StatusEntry extends ServerStatus {
  /** performance.now() when this status arrived, to age `dataAgeMs` between updates. */
  receivedAt: number;
}

export interface DeskInfo {
  deskCurrency: string;
  servers: string[];
  version: string;
}

interface DeskUiState {
  filters: DeskFilters;
  layout: PanelLayout;
  info: DeskInfo | null;
  statuses: StatusEntry[];
  counts: Record<GridName, GridCount>;
  /** A grid is ready once its first snapshot is in it. */
  loaded: Record<GridName, boolean>;
  /** What keeps the desk from starting, in words a dealer can act on; null when all is well. */
  problem: string | null;
  setFilter: (key: keyof DeskFilters, value: string) => void;
  clearFilters: () => void;
  setLayout: (layout: PanelLayout) => void;
  setInfo: (info: DeskInfo) => void;
  setStatuses: (statuses: ServerStatus[]) => void;
  setCount: (grid: GridName, count: Partial<GridCount>) => void;
  setLoaded: (grid: GridName) => void;
  setProblem: (problem: string | null) => void;
}

export const emptyFilters: DeskFilters = { server: '', group: '', symbol: '', login: '', quick: '' };

export const useDeskStore = create<DeskUiState>()((set) => ({
  filters: emptyFilters,
  layout: 'split',
  info: null,
  statuses: [],
  counts: {
    positions: { shown: 0, total: 0, filtered: false },
    accounts: { shown: 0, total: 0, filtered: false },
  },
  loaded: { positions: false, accounts: false },
  problem: null,
  setFilter: (key, value) => set((s) => ({ filters: { ...s.filters, [key]: value } })),
  clearFilters: () => set({ filters: emptyFilters }),
  setLayout: (layout) => set({ layout }),
  setInfo: (info) => set({ info }),
  setStatuses: (statuses) => {
    const receivedAt = performance.now();
    set({ statuses: statuses.map((s) => ({ ...s, receivedAt })) });
  },
  setCount: (grid, count) =>
    set((s) => {
      const next = { ...s.counts[grid], ...count };
      const prev = s.counts[grid];
      if (next.shown === prev.shown && next.total === prev.total && next.filtered === prev.filtered) return s;
      return { counts: { ...s.counts, [grid]: next } };
    }),
  setLoaded: (grid) => set((s) => (s.loaded[grid] ? s : { loaded: { ...s.loaded, [grid]: true } })),
  setProblem: (problem) => set((s) => (s.problem === problem ? s : { problem })),
}));
