/**
 * Desktop notifications through the HTML Notification API. In the Electron app this becomes a
 * native notification (main/app/security.ts grants the desk the `notifications` permission and
 * nothing else); in browser mode it is the browser's own.
 */
import type { AlertRow } from '../../../shared/contract';
import type { NotificationPermissionState } from '../../stores/risk-store';
import { ruleName } from './alert-format';

export function notificationPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Must run from a user gesture: browsers ignore or block a request made without one. */
export async function requestNotificationPermission(): Promise<NotificationPermissionState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

export function notifyCriticalAlert(alert: AlertRow, onClick: () => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    // `tag` makes the system replace, not stack, a second notice about the same alert.
    const notice = new Notification(`Critical: ${ruleName(alert.rule)} · ${alert.subject}`, {
      body: alert.message,
      tag: alert.key,
      requireInteraction: true,
    });
    notice.onclick = () => {
      window.focus();
      onClick();
      notice.close();
    };
  } catch {
    // Some hosts only allow notifications from a service worker; the sound and the panel remain.
  }
}
