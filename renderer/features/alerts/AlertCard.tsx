/**
 * One alert: level, rule and subject, state (and who acted), message, value against threshold,
 * first and last time, and the actions. An action's reply is the alert's new state, shown at
 * once; a refusal shows the core's message under the card.
 */
import { memo, useState } from 'react';
import type { AlertRow, DeskApi, Reply } from '../../../shared/contract';
import type { AlertBook } from './alert-book';
import { describeAlertState, formatAlertTime, formatValueVsThreshold, ruleName } from './alert-format';
import { useAlert } from './use-alert-book';

export interface AlertCardProps {
  /** The alert's id in the book: the card follows that alert's changes itself (use-alert-book.ts). */
  id: string;
  desk: DeskApi;
  book: AlertBook;
  deskCurrency: string;
}

type Action = 'acknowledge' | 'snooze15' | 'snooze60' | 'resolve';

export const AlertCard = memo(function AlertCard({ id, desk, book, deskCurrency }: AlertCardProps) {
  const alert = useAlert(book, id);
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!alert) return null;
  const resolved = alert.state === 'resolved';

  const act = async (action: Action, call: () => Promise<Reply<AlertRow>>) => {
    setBusy(action);
    setError(null);
    try {
      const reply = await call();
      if (reply.ok) book.upsert(reply.value);
      else setError(reply.error.message);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const snooze = (minutes: number) => desk['alerts.snooze']({ key: alert.key, minutes });

  return (
    <li
      className={`alert-card level-${alert.level} state-${alert.state}`}
      data-testid="alert-card"
      data-key={alert.key}
      data-rule={alert.rule}
      data-level={alert.level}
      data-state={alert.state}
      data-subject={alert.subject}
      data-server={alert.server ?? ''}
    >
      <div className="alert-head">
        <span className={`alert-level level-${alert.level}`}>{alert.level === 'critical' ? 'CRITICAL' : 'WARN'}</span>
        <strong className="alert-subject" data-testid="alert-subject">
          {ruleName(alert.rule)} · {alert.subject}
        </strong>
        {alert.server && <span className="muted">{alert.server}</span>}
        <span className="alert-state" data-testid="alert-state">
          {describeAlertState(alert)}
        </span>
      </div>
      <p className="alert-message">{alert.message}</p>
      <div className="alert-figures">
        <span data-testid="alert-value">{formatValueVsThreshold(alert, deskCurrency)}</span>
        <span className="muted" title="First seen · last seen">
          {formatAlertTime(alert.firstMsc)} · {formatAlertTime(alert.lastMsc)}
        </span>
      </div>
      {!resolved && (
        <div className="alert-actions">
          <button
            type="button"
            data-testid="alert-acknowledge"
            disabled={busy !== null || alert.state === 'acknowledged'}
            onClick={() => act('acknowledge', () => desk['alerts.acknowledge']({ key: alert.key }))}
          >
            Acknowledge
          </button>
          <button
            type="button"
            data-testid="alert-snooze-15"
            disabled={busy !== null}
            onClick={() => act('snooze15', () => snooze(15))}
          >
            Snooze 15 min
          </button>
          <button
            type="button"
            data-testid="alert-snooze-60"
            disabled={busy !== null}
            onClick={() => act('snooze60', () => snooze(60))}
          >
            Snooze 1 h
          </button>
          <button
            type="button"
            data-testid="alert-resolve"
            disabled={busy !== null}
            title="Close this occurrence; if the condition still holds, the rule raises it again"
            onClick={() => act('resolve', () => desk['alerts.resolve']({ key: alert.key }))}
          >
            Resolve
          </button>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert" data-testid="alert-error">
          {error}
        </p>
      )}
    </li>
  );
});
