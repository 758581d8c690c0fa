-- Operators and the audit trail (issue 5). The desk's own records: never rebuildable.

-- Who may sign in at the desk. `name` is shown as typed; `name_key` (the name folded to NFKC lower
-- case by the store) makes names unique regardless of case, in every script, not only ASCII.
-- `password_hash` is a self-describing scrypt string (main/actions/password.ts), never a password.
CREATE TABLE operators (
  name_key      TEXT    NOT NULL PRIMARY KEY,
  name          TEXT    NOT NULL,
  role          TEXT    NOT NULL CHECK (role IN ('dealer', 'risk', 'admin')),
  disabled      INTEGER NOT NULL CHECK (disabled IN (0, 1)),
  password_hash TEXT    NOT NULL,
  created_msc   INTEGER NOT NULL,
  created_by    TEXT    NOT NULL,
  updated_msc   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Every dealer action, sign-in and setting change, append-only and hash-chained:
-- hash = sha256(prev_hash || canonical JSON of the entry's content), the first entry chaining to
-- 64 zeros (main/cache/audit-store.ts). Ids are assigned by the store as 1, 2, 3, … so a gap is a
-- deleted row. `before` and `after` are JSON; `prev_hash` repeats the previous entry's hash so a
-- verifier can say whether a row was edited or its predecessor removed.
CREATE TABLE audit_log (
  id        INTEGER NOT NULL PRIMARY KEY,
  at_msc    INTEGER NOT NULL,
  operator  TEXT    NOT NULL,
  action    TEXT    NOT NULL,
  server    TEXT,
  login     INTEGER,
  subject   TEXT    NOT NULL,
  before    TEXT    NOT NULL CHECK (json_valid(before)),
  after     TEXT    NOT NULL CHECK (json_valid(after)),
  result    TEXT    NOT NULL,
  message   TEXT    NOT NULL,
  prev_hash TEXT    NOT NULL CHECK (length(prev_hash) = 64),
  hash      TEXT    NOT NULL CHECK (length(hash) = 64)
) STRICT;
-- The audit panel's filters, each walked newest first by id.
CREATE INDEX audit_log_by_operator ON audit_log (operator, id);
CREATE INDEX audit_log_by_action ON audit_log (action, id);
CREATE INDEX audit_log_by_account ON audit_log (server, login, id);
CREATE INDEX audit_log_by_result ON audit_log (result, id);
CREATE INDEX audit_log_by_time ON audit_log (at_msc);
-- Defence in depth: whoever can drop these can rewrite rows, which is why the chain exists.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- The newest link, written in the same transaction as each entry. A chain alone cannot show that
-- its last entries were cut off; the head can (and the next entry chains to the head, so a cut
-- leaves a gap that stays visible).
CREATE TABLE audit_head (
  one       INTEGER NOT NULL PRIMARY KEY CHECK (one = 1),
  last_id   INTEGER NOT NULL,
  last_hash TEXT    NOT NULL CHECK (length(last_hash) = 64)
) STRICT;
INSERT INTO audit_head (one, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN SELECT RAISE(ABORT, 'audit_head cannot be deleted'); END;
CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head
WHEN NEW.last_id <> OLD.last_id + 1
BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward one entry at a time'); END;
