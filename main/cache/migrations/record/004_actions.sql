-- Dealer actions (issue 5): balance operations and account changes sent to a server, and the
-- counter their transaction ids come from. The desk's own records: never rebuildable.

-- One row per action. Each state change is written here before the next step is taken (the row
-- says 'sending' before the request leaves), so a desk that stopped mid-send finds it on start.
CREATE TABLE actions (
  -- The transaction id: `<install prefix>-<counter>`, carried at the start of the deal comment.
  id              TEXT    NOT NULL PRIMARY KEY,
  server          TEXT    NOT NULL,
  login           INTEGER NOT NULL,
  kind            TEXT    NOT NULL CHECK (kind IN ('deposit', 'withdrawal', 'credit-in', 'credit-out', 'bonus',
                                                   'correction', 'leverage', 'group', 'trading')),
  -- Balance operations: the MT5 DealAction, the signed amount in cents of the account currency,
  -- and the deal comment exactly as sent (every retry sends the same one).
  deal_action     INTEGER,
  amount          INTEGER,
  comment         TEXT,
  -- Account changes: the MT5 UserUpdate fields sent, as JSON ({"leverage":200}, {"rights":...}).
  change          TEXT    CHECK (change IS NULL OR json_valid(change)),
  currency        TEXT    NOT NULL,
  before_text     TEXT    NOT NULL,
  after_text      TEXT    NOT NULL,
  note            TEXT    NOT NULL,
  state           TEXT    NOT NULL CHECK (state IN ('awaiting-approval', 'sending', 'pending', 'confirmed', 'failed',
                                                    'rejected', 'unresolved')),
  requested_by    TEXT    NOT NULL,
  requested_msc   INTEGER NOT NULL,
  -- The window's id for one dialog submit: a double click returns the first action.
  request_id      TEXT,
  approved_by     TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  deal_ticket     INTEGER,
  updated_msc     INTEGER NOT NULL,
  error_message   TEXT,
  error_retcode   INTEGER,
  CHECK ((kind IN ('leverage', 'group', 'trading')) = (change IS NOT NULL)),
  CHECK ((kind IN ('leverage', 'group', 'trading')) = (amount IS NULL))
) STRICT;
CREATE UNIQUE INDEX actions_by_request ON actions (requested_by, request_id) WHERE request_id IS NOT NULL;
-- What a restart resumes and the list always shows: the few not yet settled among many settled.
CREATE INDEX actions_unsettled ON actions (state) WHERE state IN ('awaiting-approval', 'sending', 'pending', 'unresolved');
CREATE INDEX actions_by_time ON actions (requested_msc);
CREATE INDEX actions_by_login ON actions (server, login, requested_msc);

-- One row: this install's transaction-id prefix (random, made on first use) and the next counter
-- value, so ids stay unique across restarts and across desks sending to the same server.
CREATE TABLE action_ids (
  only_row INTEGER NOT NULL PRIMARY KEY CHECK (only_row = 1),
  prefix   TEXT    NOT NULL CHECK (length(prefix) BETWEEN 3 AND 8),
  next     INTEGER NOT NULL CHECK (next >= 1)
) STRICT;
