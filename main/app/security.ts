/**
 * Electron's security checklist for every web contents the app ever creates: no navigation away
 * from the desk, no new windows, no <webview>, and only the notification permission.
 */
import type { App, Session } from 'electron';
import { isAllowedPermission, isDeskUrl } from './desk-url';

export function hardenWebContents(app: App, log: (line: string) => void): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      // Reloading the desk is fine; anything else (a dropped link, an injected location change) is not.
      if (isDeskUrl(event.url)) return;
      event.preventDefault();
      log(`[app] navigation to ${event.url} denied`);
    });
    contents.on('will-redirect', (event) => {
      if (!isDeskUrl(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Detached panels, if they come, will be opened by main with the same hardened options, not by the page.
      log(`[app] window.open(${url}) denied`);
      return { action: 'deny' };
    });
  });
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isAllowedPermission(permission, details.requestingUrl ?? contents?.getURL() ?? ''));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isAllowedPermission(permission, `${requestingOrigin}/`),
  );
}
