import './grids/grid-setup';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getDesk } from './api';
import { exposeDebugHandle } from './api/debug-handle';
import { startDeskSession } from './api/desk-session';
import { useDeskStore } from './stores/desk-store';

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

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App desk={desk} feeds={session.feeds} />
  </StrictMode>,
);
