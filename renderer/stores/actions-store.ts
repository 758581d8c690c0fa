/**
 * UI state of dealer actions (zustand): which accounts are selected in the Accounts grid, the
 * account menu, which action dialog is open, and which client's drawer is showing. The actions
 * themselves live in the ActionBook (features/actions/action-book.ts).
 */
import { create } from 'zustand';
import type { AccountRow } from '../../shared/rows';

export type ActionDialogKind = 'balance' | 'leverage' | 'group' | 'trading' | 'bulk';

export interface OpenDialog {
  kind: ActionDialogKind;
  /** The accounts as they were when the dialog opened; dialogs read live figures from the feed by id. */
  accounts: AccountRow[];
}

export interface AccountMenu {
  x: number;
  y: number;
  accounts: AccountRow[];
}

export interface AccountRef {
  server: string;
  login: number;
}

interface ActionsUiState {
  selected: AccountRow[];
  menu: AccountMenu | null;
  dialog: OpenDialog | null;
  drawer: AccountRef | null;
  setSelected: (rows: AccountRow[]) => void;
  openMenu: (menu: AccountMenu) => void;
  closeMenu: () => void;
  openDialog: (kind: ActionDialogKind, accounts: AccountRow[]) => void;
  closeDialog: () => void;
  openDrawer: (account: AccountRef) => void;
  closeDrawer: () => void;
}

export const useActionsStore = create<ActionsUiState>()((set) => ({
  selected: [],
  menu: null,
  dialog: null,
  drawer: null,
  setSelected: (selected) => set({ selected }),
  openMenu: (menu) => set({ menu }),
  closeMenu: () => set({ menu: null }),
  openDialog: (kind, accounts) => set({ dialog: { kind, accounts }, menu: null }),
  closeDialog: () => set({ dialog: null }),
  openDrawer: (drawer) => set({ drawer, menu: null }),
  closeDrawer: () => set({ drawer: null }),
}));
