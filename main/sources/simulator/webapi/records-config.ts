/**
 * Users, account states, symbols, groups and ticks in the Web API's JSON (MT5-PROTOCOL.md §2.5).
 * Enough for a client to rebuild every SyncEvent the simulator emits: `account.*` from user/get
 * plus user/account/get, `symbol.update` from symbol/get, `group.update` from group/get, `tick`
 * from tick/last.
 */
import type { Account, GroupSpec, Login, SymbolSpec, Tick } from '../../../../shared/domain';
import { MarginSOMode } from '../../../../shared/mt5';
import type { ServerBook } from './book';
import { decimal, int, money, price, seconds, volumes } from './format';
import type { WireRecord } from './records-trade';

export function userRecord(account: Account, book: ServerBook): WireRecord {
  const digits = book.currencyDigits(account.login);
  const space = account.name.indexOf(' ');
  return {
    Login: int(account.login),
    Group: account.group,
    CertSerialNumber: '0',
    Rights: int(account.rights),
    // MT5 keeps registration in seconds: a client rebuilding the desk's registrationMsc gets it to the second.
    Registration: seconds(account.registrationMsc),
    LastAccess: seconds(account.registrationMsc),
    LastIP: '',
    Name: account.name,
    FirstName: space < 0 ? account.name : account.name.slice(0, space),
    LastName: space < 0 ? '' : account.name.slice(space + 1),
    Company: '',
    Country: account.country,
    City: '',
    Address: '',
    Phone: '',
    Email: '',
    ID: '',
    Status: '',
    Comment: '',
    Leverage: int(account.leverage),
    Agent: '0',
    Balance: money(account.balance, digits),
    Credit: money(account.credit, digits),
    MQID: '',
    LimitOrders: '0',
    LimitPositions: '0',
  };
}

/** Swap held in each login's open positions: account state splits Floating into Profit and Storage. */
export function storageByLogin(book: ServerBook): Map<Login, number> {
  const storage = new Map<Login, number>();
  for (const p of book.truth.positions.values()) storage.set(p.login, (storage.get(p.login) ?? 0) + p.swap);
  return storage;
}

export function accountRecord(account: Account, book: ServerBook, storage: ReadonlyMap<Login, number>): WireRecord {
  const group = book.group(account.group);
  const digits = group?.currencyDigits ?? 2;
  const swap = storage.get(account.login) ?? 0;
  const level = account.margin > 0 ? (account.equity / account.margin) * 100 : 0;
  return {
    Login: int(account.login),
    CurrencyDigits: int(digits),
    Balance: money(account.balance, digits),
    Credit: money(account.credit, digits),
    Margin: money(account.margin, digits),
    MarginFree: money(account.equity - account.margin, digits),
    MarginLevel: level.toFixed(2),
    MarginLeverage: int(account.leverage),
    MarginInitial: money(0, digits),
    MarginMaintenance: money(0, digits),
    // The desk's floating is profit + swap; commissions are charged on the deals, never left open.
    Profit: money(account.floating - swap, digits),
    Storage: money(swap, digits),
    Commission: money(0, digits),
    Floating: money(account.floating, digits),
    Equity: money(account.equity, digits),
    SOActivation: int(group === undefined ? 0 : stopOutState(account, group, level)),
    SOTime: '0',
    SOLevel: '0',
    SOEquity: money(0, digits),
    SOMargin: money(0, digits),
    BlockedCommission: money(0, digits),
    BlockedProfit: money(0, digits),
    Assets: money(0, digits),
    Liabilities: money(0, digits),
  };
}

/** 0 none, 1 margin call, 2 stop out, against the group's levels in percent or in money. */
function stopOutState(account: Account, group: GroupSpec, level: number): number {
  if (account.margin <= 0) return 0;
  const measure = group.marginSOMode === MarginSOMode.MONEY ? account.equity / 100 : level;
  if (measure <= group.marginStopOut) return 2;
  return measure <= group.marginCall ? 1 : 0;
}

export function symbolRecord(spec: SymbolSpec): WireRecord {
  return {
    Symbol: spec.symbol,
    Path: spec.path,
    Description: spec.description,
    Digits: int(spec.digits),
    Point: decimal(10 ** -spec.digits),
    CurrencyBase: spec.currencyBase,
    CurrencyProfit: spec.currencyProfit,
    CurrencyMargin: spec.currencyMargin,
    CalcMode: int(spec.calcMode),
    // Every simulated symbol trades both ways at market with FOK or IOC fills.
    TradeMode: '4',
    ExecMode: '2',
    FillFlags: '3',
    TickValue: decimal(spec.tickValue),
    TickSize: decimal(spec.tickSize),
    ContractSize: decimal(spec.contractSize),
    StopsLevel: '0',
    FreezeLevel: '0',
    ...volumes(spec.volumeMin, 'VolumeMin'),
    ...volumes(spec.volumeMax, 'VolumeMax'),
    ...volumes(spec.volumeStep, 'VolumeStep'),
    MarginInitial: '0',
    MarginMaintenance: '0',
    // SwapMode 1: swaps in points, as the desk's swapLong/swapShort are.
    SwapMode: '1',
    SwapLong: decimal(spec.swapLong),
    SwapShort: decimal(spec.swapShort),
    Swap3Day: '3',
  };
}

export function groupRecord(spec: GroupSpec): WireRecord {
  // UNCERTAIN (MT5-PROTOCOL.md §2.5 names the fields, not the tier enums): one instant commission
  // (ChargeMode 2) per lot (tier Type 1) in the deposit currency (tier Mode 0), with the desk's
  // sign (negative = charge). The desk's `coverage` flag is no MT5 field: the simulator's coverage
  // groups are the ones under `coverage\`.
  const commissions =
    spec.commissionPerLot === 0
      ? []
      : [
          {
            Name: 'commission',
            ChargeMode: '2',
            EntryMode: int(spec.commissionEntry),
            Tiers: [
              {
                Mode: '0',
                Type: '1',
                Value: money(spec.commissionPerLot, spec.currencyDigits),
                Minimal: '0',
                Maximal: '0',
                RangeFrom: '0',
                RangeTo: '0',
                Currency: spec.currency,
              },
            ],
          },
        ];
  return {
    Group: spec.group,
    Currency: spec.currency,
    CurrencyDigits: int(spec.currencyDigits),
    MarginMode: int(spec.marginMode),
    MarginSOMode: int(spec.marginSOMode),
    MarginCall: decimal(spec.marginCall),
    MarginStopOut: decimal(spec.marginStopOut),
    Commissions: commissions,
    Symbols: [],
  };
}

export function tickRecord(tick: Tick, book: ServerBook): WireRecord {
  const digits = book.symbol(tick.symbol)?.digits ?? 5;
  return {
    Symbol: tick.symbol,
    Digits: int(digits),
    Datetime: seconds(tick.timeMsc),
    DatetimeMsc: int(tick.timeMsc),
    Bid: price(tick.bid, digits),
    Ask: price(tick.ask, digits),
    Last: price(0, digits),
    Volume: '0',
    VolumeReal: '0',
  };
}
