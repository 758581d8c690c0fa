/**
 * What the core tells the alerts engine. Each is a fact the core already holds (the exposure
 * engine's rows, the book's accounts, applied deals and ticks, the status board), in desk units.
 * Every observe call also takes `nowMsc`: the desk's clock, stamped on the alerts it changes.
 */
import type { Deal, Login, ServerId, SourceState } from '../../../shared/domain';
import type { Money, TimeMsc } from '../../../shared/units';

/** One symbol's row of the exposure engine, on one server. */
export interface SymbolExposureObservation {
  server: ServerId;
  symbol: string;
  /** Coverage net − client net, as notional in desk cents, signed (+: the broker is long). */
  brokerNetNotional: Money;
  /** |brokerNetNotional| over Σ|brokerNetNotional| of all symbols of the desk, 0..1 (0 when the total is 0). */
  shareOfTotal: number;
  /** True while any account holds a position in the symbol: only traded symbols are watched for a stale feed. */
  traded: boolean;
}

/** One group's row of the exposure engine (groups are per server). */
export interface GroupObservation {
  server: ServerId;
  group: string;
  /** Net notional of the group's client positions, desk cents, signed. */
  netNotional: Money;
  /** Clients' floating P&L (profit + swap + commission), desk cents: positive = clients win, the B-book loses. */
  clientsFloating: Money;
}

/** One client region's row, summed across servers. */
export interface RegionObservation {
  region: string;
  netNotional: Money;
  clientsFloating: Money;
}

/** A tick as the cache applied it; `timeMsc` is the server's stamp (its own clock). */
export interface TickObservation {
  server: ServerId;
  symbol: string;
  /** (bid + ask) / 2. */
  mid: number;
  timeMsc: TimeMsc;
}

/** An account's live margin state (the book revalues it) with its group's levels. */
export interface AccountObservation {
  server: ServerId;
  login: Login;
  group: string;
  /** Account currency, cents. Margin 0 (no positions) means no margin level: nothing to alert. */
  equity: Money;
  margin: Money;
  /** MarginSOMode of the group: 0 levels in percent of margin level, 1 levels in account currency. */
  marginSOMode: number;
  marginCall: number;
  marginStopOut: number;
}

/** A deal as the cache applied it (each deal once). */
export interface DealObservation {
  server: ServerId;
  deal: Deal;
  /** The account's currency, for the message. */
  currency: string;
  /** A balance deal's amount in desk cents (the core converts); null when no rate is known, then the account amount is judged. */
  deskAmount: Money | null;
  /** The broker's own hedge accounts raise no money or deal alerts: they are not client flow. */
  coverage: boolean;
}

/** A server's health as the status board reports it. */
export interface ServerObservation {
  server: ServerId;
  state: SourceState;
  lagMs: number;
  message: string;
}
