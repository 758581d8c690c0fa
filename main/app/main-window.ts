/** Opens the desk's main window on app://desk/ with the hardened options. */
import { BrowserWindow } from 'electron';
import { DESK_START_URL } from './desk-url';
import type { DeskWindows } from './ipc-bridge';
import { mainWindowOptions } from './window-options';

export function openMainWindow(windows: DeskWindows, preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  windows.bind(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(DESK_START_URL);
  return window;
}
