/**
 * The entities the desk mirrors from an MT5 server, in desk units (see units.ts).
 * Field names follow MT5 (`Deal`, `Position`, ...) in camelCase so a reader of the
 * MT5 docs finds them; money is integer cents of the account currency.
 */
import type { Money, TimeMsc, Volume } from './units';

/** A trade server the desk is connected to; every key below is scoped by it. */
export type ServerId = string;
export type Login = number;

export interface Deal {
  ticket: number;
  login: Login;
  timeMsc: TimeMsc;
  /** DealAction: 0 buy, 1 sell, 2+ balance-type operations. */
  action: number;
  /** DealEntry: 0 in, 1 out, 2 inout, 3 out_by. */
  entry: number;
  /** Empty for balance-type deals. */
  symbol: string;
  volume: Volume;
  price: number;
  /** Open price of the position this deal closed (MT5 `PricePosition`); 0 on IN deals. */
  pricePosition: number;
  /** Realised P&L in the account currency: only on closing deals; the amount on balance deals. */
  profit: Money;
  commission: Money;
  /** Swap (MT5 `Storage`) carried by the closing deal. */
  swap: Money;
  positionId: number;
  order: number;
  reason: number;
  contractSize: number;
  comment: string;
}

export interface Position {
  ticket: number;
  login: Login;
  symbol: string;
  /** PositionAction: 0 buy, 1 sell. */
  action: 0 | 1;
  volume: Volume;
  /** Volume-weighted open price. */
  priceOpen: number;
  /** Price at the server's last update of this record (the desk reprices from ticks). */
  priceCurrent: number;
  priceSL: number;
  priceTP: number;
  /** Floating profit at the last update, account currency. */
  profit: Money;
  swap: Money;
  timeCreateMsc: TimeMsc;
  timeUpdateMsc: TimeMsc;
  reason: number;
  comment: string;
}

export interface Order {
  ticket: number;
  login: Login;
  symbol: string;
  /** OrderType: 2..7 are pending orders. */
  type: number;
  /** OrderState. */
  state: number;
  volumeInitial: Volume;
  volumeCurrent: Volume;
  priceOrder: number;
  priceTrigger: number;
  priceSL: number;
  priceTP: number;
  timeSetupMsc: TimeMsc;
  comment: string;
}

/** MT5 "user" plus its trading state, as the server last reported them. */
export interface Account {
  login: Login;
  group: string;
  name: string;
  leverage: number;
  /** UserRights bitmask (TRADE_DISABLED = 0x4). */
  rights: number;
  country: string;
  balance: Money;
  credit: Money;
  /** Server-reported state at `version`; the desk recomputes it live from ticks. */
  margin: Money;
  equity: Money;
  /** Profit + swap + commission of open positions. */
  floating: Money;
  registrationMsc: TimeMsc;
}

export interface Tick {
  symbol: string;
  timeMsc: TimeMsc;
  bid: number;
  ask: number;
}

export interface SymbolSpec {
  symbol: string;
  path: string;
  description: string;
  digits: number;
  /** CalcMode: 0 forex, 2 CFD, 3 CFD index, 4 CFD leverage, 32 exchange stocks, ... */
  calcMode: number;
  contractSize: number;
  tickSize: number;
  tickValue: number;
  currencyBase: string;
  currencyProfit: string;
  currencyMargin: string;
  volumeMin: Volume;
  volumeMax: Volume;
  volumeStep: Volume;
  /** Swap per lot per day in points, long and short. */
  swapLong: number;
  swapShort: number;
}

export interface GroupSpec {
  group: string;
  currency: string;
  currencyDigits: number;
  /** MarginMode: 0/1 netting, 2 hedging. */
  marginMode: number;
  /** MarginSOMode: 0 percent, 1 money. */
  marginSOMode: number;
  marginCall: number;
  marginStopOut: number;
  /** Instant commission per lot per side, in cents of the group currency (negative = charge). */
  commissionPerLot: Money;
  /** CommissionEntry: which deals pay it. */
  commissionEntry: number;
  /** True for the broker's own hedge accounts at liquidity providers. */
  coverage: boolean;
}

/** A person or company in the CRM; owns many accounts, possibly across servers. */
export interface Client {
  clientId: string;
  name: string;
  country: string;
  region: string;
  kycStatus: 'pending' | 'approved' | 'rejected';
  introducingBroker: string | null;
}

export interface ClientAccount {
  clientId: string;
  server: ServerId;
  login: Login;
}

export type SourceState = 'connecting' | 'syncing' | 'live' | 'lagging' | 'down';
