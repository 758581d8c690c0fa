/**
 * Everything that runs once an operator is signed in: the desk session (subscribe → desk.ready →
 * snapshots), the actions feed, the debug handle for end-to-end tests, and the critical-alert
 * watch. Nothing here runs before sign-in: the core refuses `desk.ready` to a signed-out window.
 */
import type { DeskApi } from '../shared/contract';
import { exposeDebugHandle } from './api/debug-handle';
import { type DeskFeeds, startDeskSession } from './api/desk-session';
import type { ActionBook } from './features/actions/action-book';
import { startActionSession } from './features/actions/action-session';
import { playCriticalBeep } from './features/alerts/alert-sound';
import { watchCriticalAlerts } from './features/alerts/critical-watch';
import { notifyCriticalAlert } from './features/alerts/desktop-notification';
import { useDeskStore } from './stores/desk-store';
import { useRiskStore } from './stores/risk-store';

export interface StartedDesk {
  desk: DeskApi;
  feeds: DeskFeeds;
  actions: ActionBook;
}

export function startDesk(desk: DeskApi): StartedDesk {
  const store = useDeskStore.getState();
  // The session starts before React mounts the grids: it subscribes first, so no frame is missed
  // while the grids are still being created (RowFeed keeps the rows until a grid attaches).
  const session = startDeskSession(desk, {
    setInfo: store.setInfo,
    setStatuses: store.setStatuses,
    setProblem: store.setProblem,
  });
  const actions = startActionSession(desk);
  exposeDebugHandle(desk, session.feeds);

  // Critical alerts ring from the first list on, whatever panel is showing.
  watchCriticalAlerts(session.feeds.alerts, {
    beep: () => {
      if (useRiskStore.getState().soundOn) playCriticalBeep();
    },
    notify: (alert) => notifyCriticalAlert(alert, () => useRiskStore.getState().setAlertsCollapsed(false)),
    rung: (count) => useRiskStore.getState().noteCriticalRung(count),
  });
  return { desk, feeds: session.feeds, actions: actions.book };
}
