-- Tells the query planner the mirror's shape before it has data of its own to analyse.
-- Without statistics SQLite assumes a key prefix is selective, so it reads "all positions of the
-- server" by primary key instead of the (server, login) index, and sums a position's commission
-- by scanning every deal of the server. The figures are typical of one desk (a few servers,
-- thousands of tickets each); `PRAGMA optimize` on close replaces them once real data warrants it.
-- Format: rows in the table, then rows per distinct value of each leading column prefix.
ANALYZE sqlite_schema;
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('positions', 'positions',                '20000 5000 1'),
  ('positions', 'positions_open_by_login',  '20000 5000 4'),
  ('positions', 'positions_open_by_symbol', '20000 200 50'),
  ('orders',    'orders',                   '5000 1250 1'),
  ('orders',    'orders_open_by_login',     '5000 1250 2'),
  ('accounts',  'accounts',                 '10000 2500 1'),
  ('accounts',  'accounts_by_login',        '10000 2'),
  ('deals',     'deals',                    '1000000 250000 1'),
  ('deals',     'deals_by_time',            '1000000 2'),
  ('deals',     'deals_by_server_time',     '1000000 250000 2'),
  ('deals',     'deals_by_login_time',      '1000000 200 2'),
  ('deals',     'deals_by_position',        '1000000 250000 3 3');
-- Loads the figures into this connection's planner now, not at the next open.
ANALYZE sqlite_schema;
