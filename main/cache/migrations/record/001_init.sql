-- The desk's system of record: never rebuildable, so constraints are strict and nothing cascades.

-- A person or company in the CRM.
CREATE TABLE clients (
  client_id          TEXT NOT NULL PRIMARY KEY,
  name               TEXT NOT NULL,
  country            TEXT NOT NULL,
  region             TEXT NOT NULL,
  kyc_status         TEXT NOT NULL CHECK (kyc_status IN ('pending', 'approved', 'rejected')),
  introducing_broker TEXT
) STRICT;

-- One client owns many trading accounts, across servers; a login belongs to one client.
CREATE TABLE client_accounts (
  server    TEXT    NOT NULL,
  login     INTEGER NOT NULL,
  client_id TEXT    NOT NULL REFERENCES clients (client_id),
  PRIMARY KEY (server, login)
) STRICT, WITHOUT ROWID;
CREATE INDEX client_accounts_by_client ON client_accounts (client_id);

-- Desk preferences (grid column layouts, ...), as JSON the owner validates when it reads it.
CREATE TABLE settings (
  key         TEXT    NOT NULL PRIMARY KEY,
  value       TEXT    NOT NULL CHECK (json_valid(value)),
  updated_msc INTEGER NOT NULL
) STRICT;
