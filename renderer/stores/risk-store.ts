/**
 * UI state of the risk side (zustand): which exposure tab is showing, which row is drilled into,
 * and how the alerts pane behaves. Exposure figures and alerts themselves live in their feeds.
 */
import { create } from 'zustand';

export type ExposureTab = 'symbol' | 'asset' | 'group' | 'region' | 'book';

/** A row of the exposure panel as the contract's drill-down request names it. */
export type ExposureRowRef =
  | { tab: 'symbol'; server: string; symbol: string }
  | { tab: 'group'; server: string; group: string }
  | { tab: 'region'; region: string }
  | { tab: 'book'; book: string }
  | { tab: 'asset'; asset: string };

export type NotificationPermissionState = NotificationPermission | 'unsupported';

interface RiskUiState {
  exposureTab: ExposureTab;
  /** The exposure row whose positions are listed; null when no drill-down is open. */
  drill: ExposureRowRef | null;
  alertsCollapsed: boolean;
  thresholdsOpen: boolean;
  soundOn: boolean;
  notificationPermission: NotificationPermissionState;
  /** Critical alerts that sounded in this window (a count, for the pane and the tests). */
  criticalRung: number;
  setExposureTab: (tab: ExposureTab) => void;
  setDrill: (drill: ExposureRowRef | null) => void;
  setAlertsCollapsed: (collapsed: boolean) => void;
  setThresholdsOpen: (open: boolean) => void;
  setSoundOn: (on: boolean) => void;
  setNotificationPermission: (permission: NotificationPermissionState) => void;
  noteCriticalRung: (count: number) => void;
}

const initialPermission = (): NotificationPermissionState =>
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;

export const useRiskStore = create<RiskUiState>()((set) => ({
  exposureTab: 'symbol',
  drill: null,
  alertsCollapsed: false,
  thresholdsOpen: false,
  soundOn: true,
  notificationPermission: initialPermission(),
  criticalRung: 0,
  // A drill-down belongs to the tab it came from.
  setExposureTab: (exposureTab) => set((s) => (s.exposureTab === exposureTab ? s : { exposureTab, drill: null })),
  setDrill: (drill) => set({ drill }),
  setAlertsCollapsed: (alertsCollapsed) => set({ alertsCollapsed }),
  setThresholdsOpen: (thresholdsOpen) => set({ thresholdsOpen }),
  setSoundOn: (soundOn) => set({ soundOn }),
  setNotificationPermission: (notificationPermission) => set({ notificationPermission }),
  noteCriticalRung: (count) => set((s) => ({ criticalRung: s.criticalRung + count })),
}));
