-- Alerts, their history and their thresholds (issue 4). The desk's own records: never rebuildable.

-- The latest occurrence of each alert key. Active = state other than 'resolved'; at most one
-- occurrence of a key is active, which the primary key enforces. A key raised again after it was
-- resolved replaces its row; the earlier occurrence lives on in alert_history.
CREATE TABLE alerts (
  key                 TEXT    NOT NULL PRIMARY KEY,
  rule                TEXT    NOT NULL,
  server              TEXT,
  subject             TEXT    NOT NULL,
  level               TEXT    NOT NULL CHECK (level IN ('warn', 'critical')),
  state               TEXT    NOT NULL CHECK (state IN ('open', 'acknowledged', 'snoozed', 'resolved')),
  first_msc           INTEGER NOT NULL,
  last_msc            INTEGER NOT NULL,
  value               REAL    NOT NULL,
  threshold           REAL    NOT NULL,
  unit                TEXT    NOT NULL,
  message             TEXT    NOT NULL,
  broker_net_notional INTEGER,
  acknowledged_by     TEXT,
  acknowledged_msc    INTEGER,
  snoozed_by          TEXT,
  snoozed_until_msc   INTEGER,
  resolved_by         TEXT,
  resolved_msc        INTEGER,
  CHECK ((state = 'resolved') = (resolved_msc IS NOT NULL))
) STRICT;
-- What a restart loads: the active few among many resolved.
CREATE INDEX alerts_active ON alerts (state) WHERE state <> 'resolved';

-- Every change of every alert, append-only: who opened, escalated, acknowledged, snoozed or
-- resolved what, when, and the alert as it stood right after (`snapshot`, JSON).
CREATE TABLE alert_history (
  id       INTEGER NOT NULL PRIMARY KEY,
  key      TEXT    NOT NULL,
  kind     TEXT    NOT NULL CHECK (kind IN ('opened', 'escalated', 'deescalated', 'acknowledged', 'snoozed', 'reopened', 'resolved')),
  at_msc   INTEGER NOT NULL,
  -- The person who acted; NULL when the desk did (a rule opened, escalated or cleared it).
  actor    TEXT,
  level    TEXT    NOT NULL,
  state    TEXT    NOT NULL,
  snapshot TEXT    NOT NULL CHECK (json_valid(snapshot))
) STRICT;
CREATE INDEX alert_history_by_key ON alert_history (key, at_msc);
CREATE INDEX alert_history_by_time ON alert_history (at_msc);
CREATE TRIGGER alert_history_no_update BEFORE UPDATE ON alert_history
BEGIN SELECT RAISE(ABORT, 'alert_history is append-only'); END;
CREATE TRIGGER alert_history_no_delete BEFORE DELETE ON alert_history
BEGIN SELECT RAISE(ABORT, 'alert_history is append-only'); END;

-- Alert thresholds, one row per edit (append-only): the current settings are the newest row, and
-- who changed a risk limit, when and from what stays on record. Kept out of the generic
-- `settings` table, which holds one overwritable value per key with no author.
CREATE TABLE alert_settings (
  version     INTEGER NOT NULL PRIMARY KEY,
  value       TEXT    NOT NULL CHECK (json_valid(value)),
  changed_by  TEXT    NOT NULL,
  changed_msc INTEGER NOT NULL
) STRICT;
CREATE TRIGGER alert_settings_no_update BEFORE UPDATE ON alert_settings
BEGIN SELECT RAISE(ABORT, 'alert_settings is append-only'); END;
CREATE TRIGGER alert_settings_no_delete BEFORE DELETE ON alert_settings
BEGIN SELECT RAISE(ABORT, 'alert_settings is append-only'); END;
