/**
 * The renderer's only door to the core. In Electron the preload puts the contract on
 * `window.desk`; in browser mode (no Electron binary, wall screens, end-to-end tests) the same
 * contract runs over a WebSocket whose token comes from the page URL.
 */
import type { DeskApi } from '../../shared/contract';
import { electronDesk } from './electron-client';
import { createFakeDesk } from './fake-desk';
import { createWsDesk } from './ws-client';

let desk: DeskApi | null = null;

function connect(): DeskApi {
  const bridged = electronDesk();
  if (bridged) return bridged;
  // Development only (vite dev server, `/?fake`): the production build drops this branch and the fake.
  if (import.meta.env.DEV && new URLSearchParams(location.search).has('fake'))
    return createFakeDesk({ enforceSignIn: true });
  return createWsDesk();
}

/** One client per window: every caller shares the same subscriptions and connection. */
export function getDesk(): DeskApi {
  desk ??= connect();
  return desk;
}
