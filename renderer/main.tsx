import './grids/grid-setup';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getDesk } from './api';
import { exposeDebugHandle } from './api/debug-handle';
import { startDeskSession } from './api/desk-session';
import { playCriticalBeep, unlockAlertSound } from './features/alerts/alert-sound';
import { watchCriticalAlerts } from './features/alerts/critical-watch';
import { notifyCriticalAlert } from './features/alerts/desktop-notification';
import { useDeskStore } from './stores/desk-store';
import { useRiskStore } from './stores/risk-store';

const desk = getDesk();
const store = useDeskStore.getState();
// The session starts before React mounts: it subscribes first, so no frame is missed while the
// grids are still being created (RowFeed keeps the rows until a grid attaches).
const session = startDeskSession(desk, {
  setInfo: store.setInfo,
  setStatuses: store.setStatuses,
  setProblem: store.setProblem,
});
exposeDebugHandle(desk, session.feeds);

// Critical alerts ring from the first list on, whatever panel is showing.
watchCriticalAlerts(session.feeds.alerts, {
  beep: () => {
    if (useRiskStore.getState().soundOn) playCriticalBeep();
  },
  notify: (alert) => notifyCriticalAlert(alert, () => useRiskStore.getState().setAlertsCollapsed(false)),
  rung: (count) => useRiskStore.getState().noteCriticalRung(count),
});
// Browsers keep audio suspended until a gesture: the dealer's first click or key unlocks the beep.
for (const type of ['pointerdown', 'keydown'] as const) {
  window.addEventListener(type, unlockAlertSound, { once: true, capture: true });
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App desk={desk} feeds={session.feeds} />
  </StrictMode>,
);
