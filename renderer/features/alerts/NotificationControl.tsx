/**
 * "Enable notifications": the permission request must come from a user gesture, and the same
 * click unlocks the WebAudio beep. Shows where things stand once asked.
 */
import { useRiskStore } from '../../stores/risk-store';
import { unlockAlertSound } from './alert-sound';
import { requestNotificationPermission } from './desktop-notification';

export function NotificationControl() {
  const permission = useRiskStore((s) => s.notificationPermission);
  const setPermission = useRiskStore((s) => s.setNotificationPermission);

  if (permission === 'unsupported') return null;
  if (permission === 'granted') {
    return (
      <span className="muted" data-testid="notifications-state" data-permission={permission}>
        Notifications on
      </span>
    );
  }
  if (permission === 'denied') {
    return (
      <span
        className="muted"
        data-testid="notifications-state"
        data-permission={permission}
        title="Notifications are blocked for this desk; allow them in the browser's site settings"
      >
        Notifications blocked
      </span>
    );
  }
  return (
    <button
      type="button"
      className="small-button"
      data-testid="enable-notifications"
      onClick={() => {
        unlockAlertSound();
        void requestNotificationPermission().then(setPermission);
      }}
    >
      Enable notifications
    </button>
  );
}
