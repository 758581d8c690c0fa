/**
 * Every statement the mirror's write path runs, prepared once per connection, behind functions
 * that take the validated domain records.
 *
 * Parameters bind positionally (anonymous `?`s, passed as arguments): binding by name makes
 * better-sqlite3 look every name up on the record at each run, which costs more than the insert
 * itself on the hot path; positional arguments allocate nothing either.
 *
 * Every write is one statement: versioned upserts are `ON CONFLICT ... DO UPDATE ... WHERE` the
 * incoming version is newer, so nothing is read before it is written. A tombstone (`deleted = 1`)
 * wins a tie, so an update stamped with the same version as the close cannot revive it.
 * Each write returns whether it changed the row.
 */
import type Database from 'better-sqlite3';
import type { Account, Deal, GroupSpec, Order, Position, ServerId, SymbolSpec, Tick } from '../../shared/domain';
import type { SourceCursor } from '../../shared/events';

type Version = number;
type Seq = number;

/** Where the stored tick of a symbol stands: ticks order by (timeMsc, seq). */
export interface TickStamp {
  timeMsc: number;
  seq: Seq;
}

export function prepareMirrorStatements(db: Database.Database) {
  const versionOf = (table: string, keyColumn: string) =>
    db
      .prepare<[ServerId, number], Version>(`SELECT version FROM ${table} WHERE server = ? AND ${keyColumn} = ?`)
      .pluck();

  const statement = {
    insertDeal: db.prepare(`
      INSERT INTO deals (server, ticket, login, time_msc, action, entry, symbol, volume, price, price_position,
                         profit, commission, swap, position_id, order_ticket, reason, contract_size, comment)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (server, ticket) DO NOTHING`),

    upsertPosition: db.prepare(`
      INSERT INTO positions (server, version, ticket, login, symbol, action, volume, price_open, price_current,
                             price_sl, price_tp, profit, swap, time_create_msc, time_update_msc, reason, comment)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (server, ticket) DO UPDATE SET
        version = excluded.version, deleted = 0, login = excluded.login, symbol = excluded.symbol,
        action = excluded.action, volume = excluded.volume, price_open = excluded.price_open,
        price_current = excluded.price_current, price_sl = excluded.price_sl, price_tp = excluded.price_tp,
        profit = excluded.profit, swap = excluded.swap, time_create_msc = excluded.time_create_msc,
        time_update_msc = excluded.time_update_msc, reason = excluded.reason, comment = excluded.comment
      WHERE excluded.version > positions.version`),

    // A tombstone empties the row back to the table's defaults, so it does not depend on which
    // updates happened to arrive before it (the state must not depend on arrival order). It wins
    // over an older version and over a live row of the same version, never over a newer one.
    tombstonePosition: db.prepare(`
      INSERT INTO positions (server, ticket, login, version, deleted) VALUES (?, ?, ?, ?, 1)
      ON CONFLICT (server, ticket) DO UPDATE SET
        version = excluded.version, deleted = 1, login = excluded.login, symbol = '', action = 0, volume = 0,
        price_open = 0, price_current = 0, price_sl = 0, price_tp = 0, profit = 0, swap = 0,
        time_create_msc = 0, time_update_msc = 0, reason = 0, comment = ''
      WHERE excluded.version > positions.version
         OR (excluded.version = positions.version AND positions.deleted = 0)`),

    positionVersion: versionOf('positions', 'ticket'),

    upsertOrder: db.prepare(`
      INSERT INTO orders (server, version, ticket, login, symbol, type, state, volume_initial, volume_current,
                          price_order, price_trigger, price_sl, price_tp, time_setup_msc, comment)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (server, ticket) DO UPDATE SET
        version = excluded.version, deleted = 0, login = excluded.login, symbol = excluded.symbol,
        type = excluded.type, state = excluded.state, volume_initial = excluded.volume_initial,
        volume_current = excluded.volume_current, price_order = excluded.price_order,
        price_trigger = excluded.price_trigger, price_sl = excluded.price_sl, price_tp = excluded.price_tp,
        time_setup_msc = excluded.time_setup_msc, comment = excluded.comment
      WHERE excluded.version > orders.version`),

    tombstoneOrder: db.prepare(`
      INSERT INTO orders (server, ticket, login, version, deleted) VALUES (?, ?, ?, ?, 1)
      ON CONFLICT (server, ticket) DO UPDATE SET
        version = excluded.version, deleted = 1, login = excluded.login, symbol = '', type = 0, state = 0,
        volume_initial = 0, volume_current = 0, price_order = 0, price_trigger = 0, price_sl = 0, price_tp = 0,
        time_setup_msc = 0, comment = ''
      WHERE excluded.version > orders.version
         OR (excluded.version = orders.version AND orders.deleted = 0)`),

    orderVersion: versionOf('orders', 'ticket'),

    upsertAccount: db.prepare(`
      INSERT INTO accounts (server, version, login, group_name, name, leverage, rights, country, balance, credit,
                            margin, equity, floating, registration_msc)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (server, login) DO UPDATE SET
        version = excluded.version, deleted = 0, group_name = excluded.group_name, name = excluded.name,
        leverage = excluded.leverage, rights = excluded.rights, country = excluded.country,
        balance = excluded.balance, credit = excluded.credit, margin = excluded.margin,
        equity = excluded.equity, floating = excluded.floating, registration_msc = excluded.registration_msc
      WHERE excluded.version > accounts.version`),

    tombstoneAccount: db.prepare(`
      INSERT INTO accounts (server, login, version, deleted) VALUES (?, ?, ?, 1)
      ON CONFLICT (server, login) DO UPDATE SET
        version = excluded.version, deleted = 1, group_name = '', name = '', leverage = 0, rights = 0,
        country = '', balance = 0, credit = 0, margin = 0, equity = 0, floating = 0, registration_msc = 0
      WHERE excluded.version > accounts.version
         OR (excluded.version = accounts.version AND accounts.deleted = 0)`),

    accountVersion: versionOf('accounts', 'login'),

    upsertSymbol: db.prepare(`
      INSERT INTO symbols (server, version, symbol, path, description, digits, calc_mode, contract_size, tick_size,
                           tick_value, currency_base, currency_profit, currency_margin, volume_min, volume_max,
                           volume_step, swap_long, swap_short)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (server, symbol) DO UPDATE SET
        version = excluded.version, path = excluded.path, description = excluded.description,
        digits = excluded.digits, calc_mode = excluded.calc_mode, contract_size = excluded.contract_size,
        tick_size = excluded.tick_size, tick_value = excluded.tick_value, currency_base = excluded.currency_base,
        currency_profit = excluded.currency_profit, currency_margin = excluded.currency_margin,
        volume_min = excluded.volume_min, volume_max = excluded.volume_max, volume_step = excluded.volume_step,
        swap_long = excluded.swap_long, swap_short = excluded.swap_short
      WHERE excluded.version > symbols.version`),

    symbolVersion: db
      .prepare<[ServerId, string], Version>('SELECT version FROM symbols WHERE server = ? AND symbol = ?')
      .pluck(),

    upsertGroup: db.prepare(`
      INSERT INTO groups (server, version, group_name, currency, currency_digits, margin_mode, margin_so_mode,
                          margin_call, margin_stop_out, commission_per_lot, commission_entry, coverage)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (server, group_name) DO UPDATE SET
        version = excluded.version, currency = excluded.currency, currency_digits = excluded.currency_digits,
        margin_mode = excluded.margin_mode, margin_so_mode = excluded.margin_so_mode,
        margin_call = excluded.margin_call, margin_stop_out = excluded.margin_stop_out,
        commission_per_lot = excluded.commission_per_lot, commission_entry = excluded.commission_entry,
        coverage = excluded.coverage
      WHERE excluded.version > groups.version`),

    groupVersion: db
      .prepare<[ServerId, string], Version>('SELECT version FROM groups WHERE server = ? AND group_name = ?')
      .pluck(),

    // Ticks order by (timeMsc, seq): two ticks in the same millisecond keep the later one sent.
    upsertTick: db.prepare(`
      INSERT INTO ticks (server, seq, symbol, time_msc, bid, ask)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (server, symbol) DO UPDATE SET
        time_msc = excluded.time_msc, seq = excluded.seq, bid = excluded.bid, ask = excluded.ask
      WHERE (excluded.time_msc, excluded.seq) > (ticks.time_msc, ticks.seq)`),

    tickStamp: db.prepare<[ServerId, string], TickStamp>(
      'SELECT time_msc AS timeMsc, seq FROM ticks WHERE server = ? AND symbol = ?',
    ),

    // A cursor only replaces one at least as far along; the deal resume point never goes back.
    advanceCursor: db.prepare(`
      INSERT INTO cursors (server, seq, deal_time_msc, deal_ticket, tick_trans_id)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (server) DO UPDATE SET
        seq = excluded.seq,
        tick_trans_id = excluded.tick_trans_id,
        deal_time_msc = iif((excluded.deal_time_msc, excluded.deal_ticket) > (deal_time_msc, deal_ticket),
                            excluded.deal_time_msc, deal_time_msc),
        deal_ticket = iif((excluded.deal_time_msc, excluded.deal_ticket) > (deal_time_msc, deal_ticket),
                          excluded.deal_ticket, deal_ticket)
      WHERE excluded.seq >= cursors.seq`),

    insertDeadLetter: db.prepare<[ServerId, string, string, number]>(
      'INSERT INTO dead_letters (server, reason, payload, received_msc) VALUES (?, ?, ?, ?)',
    ),
  };

  return {
    insertDeal: (server: ServerId, d: Deal): boolean =>
      statement.insertDeal.run(
        server,
        d.ticket,
        d.login,
        d.timeMsc,
        d.action,
        d.entry,
        d.symbol,
        d.volume,
        d.price,
        d.pricePosition,
        d.profit,
        d.commission,
        d.swap,
        d.positionId,
        d.order,
        d.reason,
        d.contractSize,
        d.comment,
      ).changes > 0,

    upsertPosition: (server: ServerId, version: Version, p: Position): boolean =>
      statement.upsertPosition.run(
        server,
        version,
        p.ticket,
        p.login,
        p.symbol,
        p.action,
        p.volume,
        p.priceOpen,
        p.priceCurrent,
        p.priceSL,
        p.priceTP,
        p.profit,
        p.swap,
        p.timeCreateMsc,
        p.timeUpdateMsc,
        p.reason,
        p.comment,
      ).changes > 0,
    tombstonePosition: (server: ServerId, version: Version, ticket: number, login: number): boolean =>
      statement.tombstonePosition.run(server, ticket, login, version).changes > 0,
    positionVersion: (server: ServerId, ticket: number): Version | undefined =>
      statement.positionVersion.get(server, ticket),

    upsertOrder: (server: ServerId, version: Version, o: Order): boolean =>
      statement.upsertOrder.run(
        server,
        version,
        o.ticket,
        o.login,
        o.symbol,
        o.type,
        o.state,
        o.volumeInitial,
        o.volumeCurrent,
        o.priceOrder,
        o.priceTrigger,
        o.priceSL,
        o.priceTP,
        o.timeSetupMsc,
        o.comment,
      ).changes > 0,
    tombstoneOrder: (server: ServerId, version: Version, ticket: number, login: number): boolean =>
      statement.tombstoneOrder.run(server, ticket, login, version).changes > 0,
    orderVersion: (server: ServerId, ticket: number): Version | undefined => statement.orderVersion.get(server, ticket),

    upsertAccount: (server: ServerId, version: Version, a: Account): boolean =>
      statement.upsertAccount.run(
        server,
        version,
        a.login,
        a.group,
        a.name,
        a.leverage,
        a.rights,
        a.country,
        a.balance,
        a.credit,
        a.margin,
        a.equity,
        a.floating,
        a.registrationMsc,
      ).changes > 0,
    tombstoneAccount: (server: ServerId, version: Version, login: number): boolean =>
      statement.tombstoneAccount.run(server, login, version).changes > 0,
    accountVersion: (server: ServerId, login: number): Version | undefined =>
      statement.accountVersion.get(server, login),

    upsertSymbol: (server: ServerId, version: Version, s: SymbolSpec): boolean =>
      statement.upsertSymbol.run(
        server,
        version,
        s.symbol,
        s.path,
        s.description,
        s.digits,
        s.calcMode,
        s.contractSize,
        s.tickSize,
        s.tickValue,
        s.currencyBase,
        s.currencyProfit,
        s.currencyMargin,
        s.volumeMin,
        s.volumeMax,
        s.volumeStep,
        s.swapLong,
        s.swapShort,
      ).changes > 0,
    symbolVersion: (server: ServerId, symbol: string): Version | undefined =>
      statement.symbolVersion.get(server, symbol),

    upsertGroup: (server: ServerId, version: Version, g: GroupSpec): boolean =>
      statement.upsertGroup.run(
        server,
        version,
        g.group,
        g.currency,
        g.currencyDigits,
        g.marginMode,
        g.marginSOMode,
        g.marginCall,
        g.marginStopOut,
        g.commissionPerLot,
        g.commissionEntry,
        g.coverage ? 1 : 0,
      ).changes > 0,
    groupVersion: (server: ServerId, group: string): Version | undefined => statement.groupVersion.get(server, group),

    upsertTick: (server: ServerId, seq: Seq, t: Tick): boolean =>
      statement.upsertTick.run(server, seq, t.symbol, t.timeMsc, t.bid, t.ask).changes > 0,
    tickStamp: (server: ServerId, symbol: string): TickStamp | undefined => statement.tickStamp.get(server, symbol),

    advanceCursor: (server: ServerId, c: SourceCursor): void => {
      statement.advanceCursor.run(server, c.seq, c.dealTimeMsc, c.dealTicket, c.tickTransId);
    },
    insertDeadLetter: (server: ServerId, reason: string, payload: string, receivedMsc: number): void => {
      statement.insertDeadLetter.run(server, reason, payload, receivedMsc);
    },
  };
}

export type MirrorStatements = ReturnType<typeof prepareMirrorStatements>;
