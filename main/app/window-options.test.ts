import { describe, expect, it } from 'vitest';
import { deskWebPreferences, mainWindowOptions } from './window-options';

describe('main window options', () => {
  const preferences = deskWebPreferences('/app/dist/preload/index.cjs');

  it('isolates and sandboxes the renderer with no Node', () => {
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads only the desk preload', () => {
    expect(preferences.preload).toBe('/app/dist/preload/index.cjs');
  });

  it('uses exactly these preferences for the main window', () => {
    expect(mainWindowOptions('/p.cjs').webPreferences).toEqual(deskWebPreferences('/p.cjs'));
    expect(mainWindowOptions('/p.cjs').show).toBe(false);
  });
});
