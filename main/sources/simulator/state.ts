/**
 * The server's live, mutable trading state. Emitted records (shared/domain.ts) are snapshots
 * taken from these at the moment of each event; these objects are never handed out.
 */
import type { Login } from '../../../shared/domain';
import type { Money, TimeMsc, Volume } from '../../../shared/units';
import type { GroupInfo, SymbolInfo } from './catalog';

export interface LivePosition {
  ticket: number;
  login: Login;
  symbol: SymbolInfo;
  /** PositionAction: 0 buy, 1 sell. */
  action: 0 | 1;
  volume: Volume;
  priceOpen: number;
  /** Accrued swap, account-currency cents; paid out by closing deals. */
  swap: Money;
  timeCreateMsc: TimeMsc;
  reason: number;
  comment: string;
}

export interface LiveOrder {
  ticket: number;
  login: Login;
  symbol: SymbolInfo;
  /** OrderType 2..5 (limit and stop orders). */
  type: number;
  volume: Volume;
  priceOrder: number;
  timeSetupMsc: TimeMsc;
  comment: string;
}

/** What a new account is opened with. */
export interface AccountOpening {
  login: Login;
  group: GroupInfo;
  name: string;
  leverage: number;
  rights: number;
  country: string;
  registrationMsc: TimeMsc;
}

export interface LiveAccount extends AccountOpening {
  balance: Money;
  credit: Money;
  /** Few per account, so a scan is cheaper than an index. */
  positions: LivePosition[];
  orders: LiveOrder[];
  /** The sweep that must re-check this account's margin level. */
  marginCheckDue: number;
  /** The sweep whose bucket last received this account (avoids queuing it twice). */
  queuedForSweep: number;
}

/** The account's state at a moment, in cents of its currency. */
export interface MarginSnapshot {
  margin: Money;
  equity: Money;
  floating: Money;
}
