/**
 * The alerts pane, beside every panel: a risk manager must see a new alert whatever tab is up,
 * so it is a side pane rather than a tab (it folds to a narrow strip that still shows the count
 * of open criticals). Newest first; resolved alerts stay greyed for the hour the core keeps them.
 */
import { useState } from 'react';
import type { DeskApi } from '../../../shared/contract';
import { useDeskStore } from '../../stores/desk-store';
import { useRiskStore } from '../../stores/risk-store';
import { usePermission } from '../../stores/session-store';
import { AlertCard } from './AlertCard';
import type { AlertBook } from './alert-book';
import { countAlerts } from './alert-book';
import { unlockAlertSound } from './alert-sound';
import { NotificationControl } from './NotificationControl';
import { ThresholdsEditor } from './ThresholdsEditor';
import { useAlertList } from './use-alert-book';

/** Enough for any sane day; past this the oldest are summarised, not rendered. */
const MAX_CARDS = 200;

export interface AlertsPanelProps {
  desk: DeskApi;
  book: AlertBook;
}

export function AlertsPanel({ desk, book }: AlertsPanelProps) {
  const alerts = useAlertList(book);
  const counts = countAlerts(alerts);
  const ccy = useDeskStore((s) => s.info?.deskCurrency ?? '');
  const collapsed = useRiskStore((s) => s.alertsCollapsed);
  const setCollapsed = useRiskStore((s) => s.setAlertsCollapsed);
  const thresholdsOpen = useRiskStore((s) => s.thresholdsOpen);
  const setThresholdsOpen = useRiskStore((s) => s.setThresholdsOpen);
  const soundOn = useRiskStore((s) => s.soundOn);
  const setSoundOn = useRiskStore((s) => s.setSoundOn);
  const rung = useRiskStore((s) => s.criticalRung);
  const [hideResolved, setHideResolved] = useState(false);
  // Dealers do not tune alert thresholds (the core refuses it); the editor is not offered to them.
  const canTune = usePermission('tune-alerts');

  const shown = hideResolved ? alerts.filter((a) => a.state !== 'resolved') : alerts;
  const badge = (
    <span
      className={`alert-badge${counts.openCritical > 0 ? ' has-critical' : ''}`}
      data-testid="alerts-critical-count"
      data-count={counts.openCritical}
      title="Open critical alerts"
    >
      {counts.openCritical}
    </span>
  );

  if (collapsed) {
    return (
      <aside className="alerts-pane collapsed" aria-label="Alerts" data-testid="alerts-panel" data-rung={rung}>
        <button type="button" className="alerts-expand" onClick={() => setCollapsed(false)} title="Show alerts">
          Alerts {badge}
        </button>
      </aside>
    );
  }

  return (
    <aside className="alerts-pane" aria-label="Alerts" data-testid="alerts-panel" data-rung={rung}>
      <header className="panel-header alerts-header">
        <h2>Alerts</h2>
        {badge}
        <span className="muted" data-testid="alerts-warn-count" data-count={counts.openWarn}>
          {counts.openWarn} warn · {counts.active} active
        </span>
        <span className="push-right" />
        {canTune && (
          <button
            type="button"
            className="small-button"
            data-testid="thresholds-toggle"
            aria-expanded={thresholdsOpen}
            onClick={() => setThresholdsOpen(!thresholdsOpen)}
          >
            Thresholds
          </button>
        )}
        <button
          type="button"
          className="small-button"
          aria-label="Fold the alerts pane"
          title="Fold"
          onClick={() => setCollapsed(true)}
        >
          »
        </button>
      </header>
      <div className="alerts-controls">
        <NotificationControl />
        <label>
          <input
            type="checkbox"
            data-testid="alerts-sound"
            checked={soundOn}
            onChange={(e) => {
              unlockAlertSound();
              setSoundOn(e.target.checked);
            }}
          />
          Sound
        </label>
        <label>
          <input type="checkbox" checked={hideResolved} onChange={(e) => setHideResolved(e.target.checked)} />
          Hide resolved
        </label>
      </div>
      {thresholdsOpen && canTune && (
        <ThresholdsEditor desk={desk} deskCurrency={ccy} onClose={() => setThresholdsOpen(false)} />
      )}
      <ol className="alert-list" data-testid="alert-list">
        {shown.length === 0 && <li className="muted alert-empty">{book.isLoaded ? 'No alerts' : 'Loading alerts…'}</li>}
        {shown.slice(0, MAX_CARDS).map((alert) => (
          <AlertCard key={alert.id} id={alert.id} desk={desk} book={book} deskCurrency={ccy} />
        ))}
        {shown.length > MAX_CARDS && <li className="muted alert-empty">and {shown.length - MAX_CARDS} older</li>}
      </ol>
    </aside>
  );
}
