/**
 * Alerts in the desk's system of record (desk.db, migration 002_alerts.sql): the latest
 * occurrence of each alert key, the append-only history of every change, and the versions of the
 * alert thresholds. What the engine drains is saved here in one transaction, so the current
 * alerts and their history never disagree; on start the active alerts are loaded back into the
 * engine (`AlertsEngine.restore`), so a breach that survives a restart keeps its one alert.
 */
import type Database from 'better-sqlite3';
import { type AlertSettings, alertSettingsSchema } from '../../shared/alert-settings';
import { type Alert, type AlertChange, type AlertDrain, alertChangeKindSchema, alertSchema } from '../../shared/alerts';
import { closeConnection, openConnection } from './connection';
import { CacheError } from './errors';
import { migrate } from './migrate';
import { recordMigrations } from './migrations';

export interface AlertHistoryEntry extends AlertChange {
  /** Increasing in the order changes were saved: a cursor for paging back. */
  id: number;
}

export interface AlertHistoryQuery {
  key?: string;
  /** Inclusive bounds on the change time (desk clock). */
  fromMsc?: number;
  toMsc?: number;
  /** Only entries older than this id (paging: pass the last id of the previous page). */
  beforeId?: number;
  /** Newest first; default 200, at most 5,000. */
  limit?: number;
}

export interface StoredAlertSettings {
  version: number;
  settings: AlertSettings;
  changedBy: string;
  changedMsc: number;
}

export interface AlertsStore {
  /** Appends the changes to the history and writes the alerts as they now stand, all or nothing. */
  save(drain: AlertDrain): void;
  /** Open, acknowledged and snoozed alerts: what `AlertsEngine.restore` takes. */
  activeAlerts(): Alert[];
  /** Changes, newest first. */
  history(query?: AlertHistoryQuery): AlertHistoryEntry[];
  /** The newest thresholds, or undefined when nobody saved any (the engine's defaults apply). */
  settings(): StoredAlertSettings | undefined;
  /** Records a new version of the thresholds (already validated) with who changed them. */
  saveSettings(settings: AlertSettings, by: string, nowMsc: number): StoredAlertSettings;
  close(): void;
}

const DEFAULT_HISTORY_LIMIT = 200;
const MAX_HISTORY_LIMIT = 5_000;

interface HistoryRow {
  id: number;
  kind: string;
  atMsc: number;
  actor: string | null;
  snapshot: string;
}

type AlertParams = [
  string,
  string,
  string | null,
  string,
  string,
  string,
  number,
  number,
  number,
  number,
  string,
  string,
  number | null,
  string | null,
  number | null,
  string | null,
  number | null,
  string | null,
  number | null,
];

const ALERT_COLUMNS = `key, rule, server, subject, level, state, first_msc AS firstMsc, last_msc AS lastMsc, value,
  threshold, unit, message, broker_net_notional AS brokerNetNotional, acknowledged_by AS acknowledgedBy,
  acknowledged_msc AS acknowledgedMsc, snoozed_by AS snoozedBy, snoozed_until_msc AS snoozedUntilMsc,
  resolved_by AS resolvedBy, resolved_msc AS resolvedMsc`;

/** Opens desk.db on its own connection (migrating it if needed); `close` closes that connection. */
export function openAlertsStore(path: string): AlertsStore {
  const db = openConnection(path, 'record');
  try {
    migrate(db, 'record', recordMigrations);
    return alertsStoreOn(db, () => closeConnection(db));
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The store on a connection already migrated with `recordMigrations` (the record store's, once it
 * shares it). `close` runs `onClose`, by default nothing: the connection's owner closes it.
 */
export function alertsStoreOn(db: Database.Database, onClose: () => void = () => {}): AlertsStore {
  const sql = {
    upsertAlert: db.prepare<AlertParams>(`
      INSERT INTO alerts (key, rule, server, subject, level, state, first_msc, last_msc, value, threshold, unit,
        message, broker_net_notional, acknowledged_by, acknowledged_msc, snoozed_by, snoozed_until_msc,
        resolved_by, resolved_msc)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET
        rule = excluded.rule, server = excluded.server, subject = excluded.subject, level = excluded.level,
        state = excluded.state, first_msc = excluded.first_msc, last_msc = excluded.last_msc,
        value = excluded.value, threshold = excluded.threshold, unit = excluded.unit, message = excluded.message,
        broker_net_notional = excluded.broker_net_notional, acknowledged_by = excluded.acknowledged_by,
        acknowledged_msc = excluded.acknowledged_msc, snoozed_by = excluded.snoozed_by,
        snoozed_until_msc = excluded.snoozed_until_msc, resolved_by = excluded.resolved_by,
        resolved_msc = excluded.resolved_msc`),
    appendHistory: db.prepare<[string, string, number, string | null, string, string, string]>(
      'INSERT INTO alert_history (key, kind, at_msc, actor, level, state, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    activeAlerts: db.prepare<[], unknown>(
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE state <> 'resolved' ORDER BY first_msc, key`,
    ),
    history: db.prepare<[number, number, number, number], HistoryRow>(`
      SELECT id, kind, at_msc AS atMsc, actor, snapshot FROM alert_history
      WHERE at_msc BETWEEN ? AND ? AND id < ? ORDER BY id DESC LIMIT ?`),
    historyOfKey: db.prepare<[string, number, number, number, number], HistoryRow>(`
      SELECT id, kind, at_msc AS atMsc, actor, snapshot FROM alert_history
      WHERE key = ? AND at_msc BETWEEN ? AND ? AND id < ? ORDER BY id DESC LIMIT ?`),
    settings: db.prepare<[], { version: number; value: string; changedBy: string; changedMsc: number }>(
      `SELECT version, value, changed_by AS changedBy, changed_msc AS changedMsc
       FROM alert_settings ORDER BY version DESC LIMIT 1`,
    ),
    saveSettings: db.prepare<[string, string, number]>(
      'INSERT INTO alert_settings (value, changed_by, changed_msc) VALUES (?, ?, ?)',
    ),
  };

  const upsert = (alert: Alert) => sql.upsertAlert.run(...alertParams(alert));
  const save = db.transaction((drain: AlertDrain) => {
    for (const change of drain.changes) {
      const a = change.alert;
      sql.appendHistory.run(a.key, change.kind, change.atMsc, change.by, a.level, a.state, JSON.stringify(a));
      upsert(a);
    }
    for (const alert of drain.updated) upsert(alert);
  });

  return {
    save(drain) {
      if (drain.changes.length === 0 && drain.updated.length === 0) return;
      save.immediate(drain);
    },
    // Parsed, not cast: the row is the engine's Alert column for column, and a bad one should say so.
    activeAlerts: () => sql.activeAlerts.all().map((row) => alertSchema.parse(row)),
    history(query = {}) {
      const limit = Math.min(Math.max(1, Math.floor(query.limit ?? DEFAULT_HISTORY_LIMIT)), MAX_HISTORY_LIMIT);
      const range = [
        query.fromMsc ?? 0,
        query.toMsc ?? Number.MAX_SAFE_INTEGER,
        query.beforeId ?? Number.MAX_SAFE_INTEGER,
        limit,
      ] as const;
      const rows = query.key === undefined ? sql.history.all(...range) : sql.historyOfKey.all(query.key, ...range);
      return rows.map((row) => ({
        id: row.id,
        kind: alertChangeKindSchema.parse(row.kind),
        atMsc: row.atMsc,
        by: row.actor,
        alert: alertSchema.parse(JSON.parse(row.snapshot)),
      }));
    },
    settings() {
      const row = sql.settings.get();
      if (!row) return undefined;
      const parsed = alertSettingsSchema.safeParse(JSON.parse(row.value));
      if (!parsed.success) {
        throw new CacheError(
          'bad_setting',
          `Stored alert settings version ${row.version} no longer validate (${parsed.error.issues[0]?.message}); ` +
            'save the thresholds again from the alerts settings.',
        );
      }
      return { version: row.version, settings: parsed.data, changedBy: row.changedBy, changedMsc: row.changedMsc };
    },
    saveSettings(settings, by, nowMsc) {
      const info = sql.saveSettings.run(JSON.stringify(settings), by, nowMsc);
      return { version: Number(info.lastInsertRowid), settings, changedBy: by, changedMsc: nowMsc };
    },
    close: onClose,
  };
}

function alertParams(a: Alert): AlertParams {
  return [
    a.key,
    a.rule,
    a.server,
    a.subject,
    a.level,
    a.state,
    a.firstMsc,
    a.lastMsc,
    a.value,
    a.threshold,
    a.unit,
    a.message,
    // STRICT INTEGER refuses a fractional value; notional is whole cents by the time it is shown.
    a.brokerNetNotional === null ? null : Math.round(a.brokerNetNotional),
    a.acknowledgedBy,
    a.acknowledgedMsc,
    a.snoozedBy,
    a.snoozedUntilMsc,
    a.resolvedBy,
    a.resolvedMsc,
  ];
}
