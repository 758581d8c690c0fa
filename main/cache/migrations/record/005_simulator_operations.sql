-- Operations the embedded simulator applied from outside its seeded stream (a dealer's balance
-- operation or user change, a market shock). The seed regenerates everything else, so these rows
-- are what a restarted simulator replays to remember them: never rebuildable, append-only.
-- `id` is the order they were applied in; `operation` is the operation's inputs as JSON, which the
-- store validates when it loads them (main/sources/simulator/recorded-operations.ts).
CREATE TABLE simulator_operations (
  id        INTEGER NOT NULL PRIMARY KEY,
  server    TEXT    NOT NULL,
  at_seq    INTEGER NOT NULL CHECK (at_seq >= 0),
  now_msc   INTEGER NOT NULL,
  operation TEXT    NOT NULL CHECK (json_valid(operation))
) STRICT;
-- A start loads one server's operations in order.
CREATE INDEX simulator_operations_by_server ON simulator_operations (server, id);
