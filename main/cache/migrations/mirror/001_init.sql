-- The MT5 mirror: what the servers told us, rebuildable from them. Every key is scoped by server.
-- Money, volume and times are integers (cents, 1e-8 lot, epoch ms); prices are doubles.
-- Versioned entities carry `version` (the newest wins) and `deleted` (a tombstone: the row stays,
-- emptied, so a late, older add or update can never revive what the server closed).

CREATE TABLE positions (
  server          TEXT    NOT NULL,
  ticket          INTEGER NOT NULL,
  login           INTEGER NOT NULL,
  symbol          TEXT    NOT NULL DEFAULT '',
  action          INTEGER NOT NULL DEFAULT 0,
  volume          INTEGER NOT NULL DEFAULT 0,
  price_open      REAL    NOT NULL DEFAULT 0,
  price_current   REAL    NOT NULL DEFAULT 0,
  price_sl        REAL    NOT NULL DEFAULT 0,
  price_tp        REAL    NOT NULL DEFAULT 0,
  profit          INTEGER NOT NULL DEFAULT 0,
  swap            INTEGER NOT NULL DEFAULT 0,
  time_create_msc INTEGER NOT NULL DEFAULT 0,
  time_update_msc INTEGER NOT NULL DEFAULT 0,
  reason          INTEGER NOT NULL DEFAULT 0,
  comment         TEXT    NOT NULL DEFAULT '',
  version         INTEGER NOT NULL,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  PRIMARY KEY (server, ticket)
) STRICT, WITHOUT ROWID;
-- Partial indexes: the desk only ever lists open positions, and tombstones pile up.
CREATE INDEX positions_open_by_login ON positions (server, login) WHERE deleted = 0;
CREATE INDEX positions_open_by_symbol ON positions (symbol, server) WHERE deleted = 0;

CREATE TABLE orders (
  server          TEXT    NOT NULL,
  ticket          INTEGER NOT NULL,
  login           INTEGER NOT NULL,
  symbol          TEXT    NOT NULL DEFAULT '',
  type            INTEGER NOT NULL DEFAULT 0,
  state           INTEGER NOT NULL DEFAULT 0,
  volume_initial  INTEGER NOT NULL DEFAULT 0,
  volume_current  INTEGER NOT NULL DEFAULT 0,
  price_order     REAL    NOT NULL DEFAULT 0,
  price_trigger   REAL    NOT NULL DEFAULT 0,
  price_sl        REAL    NOT NULL DEFAULT 0,
  price_tp        REAL    NOT NULL DEFAULT 0,
  time_setup_msc  INTEGER NOT NULL DEFAULT 0,
  comment         TEXT    NOT NULL DEFAULT '',
  version         INTEGER NOT NULL,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  PRIMARY KEY (server, ticket)
) STRICT, WITHOUT ROWID;
CREATE INDEX orders_open_by_login ON orders (server, login) WHERE deleted = 0;

CREATE TABLE accounts (
  server           TEXT    NOT NULL,
  login            INTEGER NOT NULL,
  group_name       TEXT    NOT NULL DEFAULT '',
  name             TEXT    NOT NULL DEFAULT '',
  leverage         INTEGER NOT NULL DEFAULT 0,
  rights           INTEGER NOT NULL DEFAULT 0,
  country          TEXT    NOT NULL DEFAULT '',
  balance          INTEGER NOT NULL DEFAULT 0,
  credit           INTEGER NOT NULL DEFAULT 0,
  margin           INTEGER NOT NULL DEFAULT 0,
  equity           INTEGER NOT NULL DEFAULT 0,
  floating         INTEGER NOT NULL DEFAULT 0,
  registration_msc INTEGER NOT NULL DEFAULT 0,
  version          INTEGER NOT NULL,
  deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  PRIMARY KEY (server, login)
) STRICT, WITHOUT ROWID;
CREATE INDEX accounts_by_login ON accounts (login) WHERE deleted = 0;

-- Deals are final: inserted once by (server, ticket), never updated.
CREATE TABLE deals (
  server         TEXT    NOT NULL,
  ticket         INTEGER NOT NULL,
  login          INTEGER NOT NULL,
  time_msc       INTEGER NOT NULL,
  action         INTEGER NOT NULL,
  entry          INTEGER NOT NULL,
  symbol         TEXT    NOT NULL,
  volume         INTEGER NOT NULL,
  price          REAL    NOT NULL,
  price_position REAL    NOT NULL,
  profit         INTEGER NOT NULL,
  commission     INTEGER NOT NULL,
  swap           INTEGER NOT NULL,
  position_id    INTEGER NOT NULL,
  order_ticket   INTEGER NOT NULL,
  reason         INTEGER NOT NULL,
  contract_size  REAL    NOT NULL,
  comment        TEXT    NOT NULL,
  PRIMARY KEY (server, ticket)
) STRICT, WITHOUT ROWID;
CREATE INDEX deals_by_time ON deals (time_msc);
CREATE INDEX deals_by_server_time ON deals (server, time_msc);
CREATE INDEX deals_by_login_time ON deals (login, time_msc);
-- Commission paid so far on an open position is the sum over its deals (covering: no row lookups).
CREATE INDEX deals_by_position ON deals (server, position_id, commission);

-- Only the latest tick per symbol; history belongs to the engines' windows, not the mirror.
CREATE TABLE ticks (
  server   TEXT    NOT NULL,
  symbol   TEXT    NOT NULL,
  time_msc INTEGER NOT NULL,
  seq      INTEGER NOT NULL,
  bid      REAL    NOT NULL,
  ask      REAL    NOT NULL,
  PRIMARY KEY (server, symbol)
) STRICT, WITHOUT ROWID;

CREATE TABLE symbols (
  server          TEXT    NOT NULL,
  symbol          TEXT    NOT NULL,
  path            TEXT    NOT NULL,
  description     TEXT    NOT NULL,
  digits          INTEGER NOT NULL,
  calc_mode       INTEGER NOT NULL,
  contract_size   REAL    NOT NULL,
  tick_size       REAL    NOT NULL,
  tick_value      REAL    NOT NULL,
  currency_base   TEXT    NOT NULL,
  currency_profit TEXT    NOT NULL,
  currency_margin TEXT    NOT NULL,
  volume_min      INTEGER NOT NULL,
  volume_max      INTEGER NOT NULL,
  volume_step     INTEGER NOT NULL,
  swap_long       REAL    NOT NULL,
  swap_short      REAL    NOT NULL,
  version         INTEGER NOT NULL,
  PRIMARY KEY (server, symbol)
) STRICT, WITHOUT ROWID;

CREATE TABLE groups (
  server             TEXT    NOT NULL,
  group_name         TEXT    NOT NULL,
  currency           TEXT    NOT NULL,
  currency_digits    INTEGER NOT NULL,
  margin_mode        INTEGER NOT NULL,
  margin_so_mode     INTEGER NOT NULL,
  margin_call        REAL    NOT NULL,
  margin_stop_out    REAL    NOT NULL,
  commission_per_lot INTEGER NOT NULL,
  commission_entry   INTEGER NOT NULL,
  coverage           INTEGER NOT NULL CHECK (coverage IN (0, 1)),
  version            INTEGER NOT NULL,
  PRIMARY KEY (server, group_name)
) STRICT, WITHOUT ROWID;

-- Where each server's stream stands; written in the same transaction as the batch it closes.
CREATE TABLE cursors (
  server        TEXT    NOT NULL PRIMARY KEY,
  seq           INTEGER NOT NULL,
  deal_time_msc INTEGER NOT NULL,
  deal_ticket   INTEGER NOT NULL,
  tick_trans_id TEXT    NOT NULL
) STRICT;

-- Events that failed validation: kept for the support desk, never applied.
CREATE TABLE dead_letters (
  id           INTEGER PRIMARY KEY,
  server       TEXT    NOT NULL,
  reason       TEXT    NOT NULL,
  payload      TEXT    NOT NULL,
  received_msc INTEGER NOT NULL
) STRICT;
