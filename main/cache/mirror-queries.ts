/**
 * What the desk reads back from the mirror, as domain records (shared/domain.ts). Columns are
 * aliased to the domain's field names in SQL, so rows need no mapping in JavaScript.
 * Each filter shape has its own statement, prepared once, so every query can use its index.
 */
import type Database from 'better-sqlite3';
import type { Account, Deal, GroupSpec, Login, Order, Position, ServerId, SymbolSpec, Tick } from '../../shared/domain';
import { EMPTY_CURSOR, type SourceCursor } from '../../shared/events';
import type { Money, TimeMsc } from '../../shared/units';

/** A mirrored record with the server it lives on (keys are only unique per server). */
export type OnServer<T> = T & { server: ServerId };

export interface OpenPosition extends OnServer<Position> {
  /** Commission paid so far: the sum over the position's deals, cents of the account currency. */
  commission: Money;
}

/** Positions on one server, of one login, in one symbol (optionally on one server), or all. */
export type PositionFilter =
  | { server?: ServerId; symbol?: string; login?: undefined }
  | { server: ServerId; login: Login; symbol?: string };

export type AccountFilter = { server?: ServerId; login?: Login };
export type OrderFilter = { server?: ServerId; login?: undefined } | { server: ServerId; login: Login };

export interface DealQuery {
  fromMsc: TimeMsc;
  /** Inclusive. */
  toMsc: TimeMsc;
  server?: ServerId;
  login?: Login;
  /** Newest first, at most this many. */
  limit: number;
}

export interface DeadLetter {
  id: number;
  server: ServerId;
  reason: string;
  /** The raw event as JSON (or a description when it could not be serialised). */
  payload: string;
  receivedMsc: TimeMsc;
}

const POSITION_COLUMNS = `server, ticket, login, symbol, action, volume, price_open AS priceOpen,
  price_current AS priceCurrent, price_sl AS priceSL, price_tp AS priceTP, profit, swap,
  time_create_msc AS timeCreateMsc, time_update_msc AS timeUpdateMsc, reason, comment,
  (SELECT coalesce(sum(d.commission), 0) FROM deals d
    WHERE d.server = positions.server AND d.position_id = positions.ticket) AS commission`;
const ACCOUNT_COLUMNS = `server, login, group_name AS "group", name, leverage, rights, country, balance, credit,
  margin, equity, floating, registration_msc AS registrationMsc`;
const ORDER_COLUMNS = `server, ticket, login, symbol, type, state, volume_initial AS volumeInitial,
  volume_current AS volumeCurrent, price_order AS priceOrder, price_trigger AS priceTrigger, price_sl AS priceSL,
  price_tp AS priceTP, time_setup_msc AS timeSetupMsc, comment`;
const DEAL_COLUMNS = `server, ticket, login, time_msc AS timeMsc, action, entry, symbol, volume, price,
  price_position AS pricePosition, profit, commission, swap, position_id AS positionId, order_ticket AS "order",
  reason, contract_size AS contractSize, comment`;
const DEALS_NEWEST_FIRST = 'ORDER BY time_msc DESC, ticket DESC LIMIT @limit';

type GroupRow = Omit<GroupSpec, 'coverage'> & { coverage: number };

export function prepareMirrorQueries(db: Database.Database) {
  const positions = (where: string) =>
    db.prepare<[PositionFilter], OpenPosition>(
      `SELECT ${POSITION_COLUMNS} FROM positions WHERE deleted = 0 ${where} ORDER BY server, ticket`,
    );
  const accounts = (where: string) =>
    db.prepare<[AccountFilter], OnServer<Account>>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE deleted = 0 ${where} ORDER BY server, login`,
    );
  const orders = (where: string) =>
    db.prepare<[OrderFilter], OnServer<Order>>(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE deleted = 0 ${where} ORDER BY server, ticket`,
    );
  const deals = (where: string) =>
    db.prepare<[DealQuery], OnServer<Deal>>(
      `SELECT ${DEAL_COLUMNS} FROM deals WHERE time_msc BETWEEN @fromMsc AND @toMsc ${where} ${DEALS_NEWEST_FIRST}`,
    );

  return {
    openPositions: positions(''),
    openPositionsOnServer: positions('AND server = @server'),
    openPositionsOfLogin: positions('AND server = @server AND login = @login'),
    openPositionsInSymbol: positions('AND symbol = @symbol'),
    openPositionsInSymbolOnServer: positions('AND symbol = @symbol AND server = @server'),

    account: db.prepare<[{ server: ServerId; login: Login }], OnServer<Account>>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE server = @server AND login = @login AND deleted = 0`,
    ),
    accounts: accounts(''),
    accountsOnServer: accounts('AND server = @server'),
    accountsWithLogin: accounts('AND login = @login'),

    openOrders: orders(''),
    openOrdersOnServer: orders('AND server = @server'),
    openOrdersOfLogin: orders('AND server = @server AND login = @login'),

    deals: deals(''),
    dealsOnServer: deals('AND server = @server'),
    dealsOfLogin: deals('AND login = @login'),
    dealsOfLoginOnServer: deals('AND server = @server AND login = @login'),
    // A dealer's balance operations (DealAction 2..6) of one login, oldest first: few per login.
    balanceDealsOfLogin: db.prepare<[{ server: ServerId; login: Login }], OnServer<Deal>>(`
      SELECT ${DEAL_COLUMNS} FROM deals
      WHERE login = @login AND server = @server AND action BETWEEN 2 AND 6 ORDER BY time_msc, ticket`),

    symbols: db.prepare<[ServerId], SymbolSpec>(`
      SELECT symbol, path, description, digits, calc_mode AS calcMode, contract_size AS contractSize,
             tick_size AS tickSize, tick_value AS tickValue, currency_base AS currencyBase,
             currency_profit AS currencyProfit, currency_margin AS currencyMargin, volume_min AS volumeMin,
             volume_max AS volumeMax, volume_step AS volumeStep, swap_long AS swapLong, swap_short AS swapShort
      FROM symbols WHERE server = ? ORDER BY symbol`),
    groups: db.prepare<[ServerId], GroupRow>(`
      SELECT group_name AS "group", currency, currency_digits AS currencyDigits, margin_mode AS marginMode,
             margin_so_mode AS marginSOMode, margin_call AS marginCall, margin_stop_out AS marginStopOut,
             commission_per_lot AS commissionPerLot, commission_entry AS commissionEntry, coverage
      FROM groups WHERE server = ? ORDER BY group_name`),
    latestTicks: db.prepare<[ServerId], Tick>(
      'SELECT symbol, time_msc AS timeMsc, bid, ask FROM ticks WHERE server = ? ORDER BY symbol',
    ),
    cursor: db.prepare<[ServerId], SourceCursor>(`
      SELECT seq, deal_time_msc AS dealTimeMsc, deal_ticket AS dealTicket, tick_trans_id AS tickTransId
      FROM cursors WHERE server = ?`),
    deadLetters: db.prepare<[number], DeadLetter>(
      'SELECT id, server, reason, payload, received_msc AS receivedMsc FROM dead_letters ORDER BY id DESC LIMIT ?',
    ),
    deadLetterCount: db.prepare<[], number>('SELECT count(*) FROM dead_letters').pluck(),
  };
}

type MirrorQueryStatements = ReturnType<typeof prepareMirrorQueries>;

/** The read side of the mirror, as the UI and the engines ask for it. */
export interface MirrorQueries {
  openPositions(filter?: PositionFilter): OpenPosition[];
  account(server: ServerId, login: Login): OnServer<Account> | undefined;
  accounts(filter?: AccountFilter): OnServer<Account>[];
  openOrders(filter?: OrderFilter): OnServer<Order>[];
  deals(query: DealQuery): OnServer<Deal>[];
  /** Balance, credit, charge, correction and bonus deals (DealAction 2..6) of one login, oldest first. */
  balanceDeals(server: ServerId, login: Login): OnServer<Deal>[];
  symbols(server: ServerId): SymbolSpec[];
  groups(server: ServerId): GroupSpec[];
  latestTicks(server: ServerId): Tick[];
  /** Where the server's stream stands; EMPTY_CURSOR before its first batch. */
  cursor(server: ServerId): SourceCursor;
  /** The latest dead letters, newest first. */
  deadLetters(limit: number): DeadLetter[];
  deadLetterCount(): number;
}

export function mirrorQueries(q: MirrorQueryStatements): MirrorQueries {
  return {
    openPositions(filter = {}) {
      if (filter.login !== undefined) {
        const ofLogin = q.openPositionsOfLogin.all(filter);
        return filter.symbol === undefined ? ofLogin : ofLogin.filter((p) => p.symbol === filter.symbol);
      }
      if (filter.symbol !== undefined) {
        return filter.server === undefined
          ? q.openPositionsInSymbol.all(filter)
          : q.openPositionsInSymbolOnServer.all(filter);
      }
      return filter.server === undefined ? q.openPositions.all({}) : q.openPositionsOnServer.all(filter);
    },
    account: (server, login) => q.account.get({ server, login }),
    accounts(filter = {}) {
      if (filter.server !== undefined && filter.login !== undefined) {
        const one = q.account.get({ server: filter.server, login: filter.login });
        return one ? [one] : [];
      }
      if (filter.login !== undefined) return q.accountsWithLogin.all(filter);
      return filter.server === undefined ? q.accounts.all({}) : q.accountsOnServer.all(filter);
    },
    openOrders(filter = {}) {
      if (filter.login !== undefined) return q.openOrdersOfLogin.all(filter);
      return filter.server === undefined ? q.openOrders.all({}) : q.openOrdersOnServer.all(filter);
    },
    deals(query) {
      const { server, login } = query;
      if (server !== undefined && login !== undefined) return q.dealsOfLoginOnServer.all(query);
      if (login !== undefined) return q.dealsOfLogin.all(query);
      return server === undefined ? q.deals.all(query) : q.dealsOnServer.all(query);
    },
    balanceDeals: (server, login) => q.balanceDealsOfLogin.all({ server, login }),
    symbols: (server) => q.symbols.all(server),
    groups: (server) => q.groups.all(server).map((row) => ({ ...row, coverage: row.coverage === 1 })),
    latestTicks: (server) => q.latestTicks.all(server),
    cursor: (server) => q.cursor.get(server) ?? { ...EMPTY_CURSOR },
    deadLetters: (limit) => q.deadLetters.all(limit),
    deadLetterCount: () => q.deadLetterCount.get() ?? 0,
  };
}
