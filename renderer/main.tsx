import './grids/grid-setup';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getDesk } from './api';
import { watchSignedOut } from './api/session-guard';
import { unlockAlertSound } from './features/alerts/alert-sound';
import { SessionGate } from './features/session/SessionGate';
import { type StartedDesk, startDesk } from './start-desk';
import { useSessionStore } from './stores/session-store';

// Every request of the signed-in window: a `signed_out` refusal asks the operator to sign in again.
const desk = watchSignedOut(getDesk(), (message) => useSessionStore.getState().setSignedOut(message));

// The desk starts once, when the first operator signs in; signing out reloads the page.
let started: StartedDesk | null = null;
const start = (): StartedDesk => {
  started ??= startDesk(desk);
  return started;
};

// Browsers keep audio suspended until a gesture: the dealer's first click or key unlocks the beep.
for (const type of ['pointerdown', 'keydown'] as const) {
  window.addEventListener(type, unlockAlertSound, { once: true, capture: true });
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <SessionGate desk={desk} start={start} />
  </StrictMode>,
);
