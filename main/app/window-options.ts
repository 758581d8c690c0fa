/**
 * The main window's options, as a pure function so a unit test can prove the security settings
 * without an Electron binary. Types only from electron: this file runs in plain Node.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export function deskWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // The desk must keep streaming and ticking when the window is behind another on a second screen.
    backgroundThrottling: false,
  };
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Dealer Desk',
    width: 1600,
    height: 960,
    minWidth: 1024,
    minHeight: 640,
    // Matches the renderer's dark theme, so there is no white flash before the first paint.
    backgroundColor: '#111418',
    show: false,
    webPreferences: deskWebPreferences(preloadPath),
  };
}
