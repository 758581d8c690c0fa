/**
 * Where an account's exposure is counted: its group, the client's region, its routing book, and
 * whether it is one of the broker's coverage accounts. The engine and the full recompute both
 * classify through `classifyAccount`, so they can only disagree on arithmetic, never on slicing.
 */
import type { Account, GroupSpec, Login, ServerId } from '../../../shared/domain';
import { isHedging } from '../../../shared/mt5';
import type { Money } from '../../../shared/units';

export type RoutingBook = 'A' | 'B';
/** The book tab's rows: client flow by routing flag, and the broker's own hedges apart. */
export type BookSlice = RoutingBook | 'Coverage';

/** Region of a client with no CRM record (or none yet). */
export const UNKNOWN_REGION = 'Unknown';
/** Coverage accounts are not clients (DOMAIN.md): they get their own region and book rows. */
export const COVERAGE_SLICE = 'Coverage';
/** Group of positions whose account has not arrived (or was deleted before them). */
export const NO_ACCOUNT_GROUP = '(no account)';

export type RegionLookup = (server: ServerId, login: Login) => string | undefined;
/** The routing flag of an account, read from its group (a routing decision is a group change). */
export type BookLookup = (server: ServerId, login: Login, group: string) => RoutingBook;

/**
 * An account's margin state, for margin utilisation by group. Money in cents of the account's
 * (= its group's) currency. The default reads the server-reported figures of the mirrored
 * account; the live book can answer instead with its own per-frame figures, and then calls
 * `ExposureEngine.refreshAccount` for the accounts it revalued.
 */
export interface AccountFigures {
  margin: Money;
  equity: Money;
  leverage: number;
}
export type AccountFiguresLookup = (server: ServerId, login: Login) => AccountFigures | undefined;

export interface ExposureOptions {
  /** Currency every notional, P&L and asset value is reported in. */
  deskCurrency: string;
  regionOf: RegionLookup;
  bookOf: BookLookup;
  /** Undefined: the figures the server last reported on the account record. */
  accountFigures?: AccountFiguresLookup;
}

export const defaultExposureOptions = (): ExposureOptions => ({
  deskCurrency: 'USD',
  regionOf: () => undefined,
  bookOf: () => 'B',
});

/** The slices one account's positions are summed into. */
export interface AccountSlice {
  group: string;
  region: string;
  book: BookSlice;
  coverage: boolean;
  /** Hedging accounts can hold both sides of a symbol: their overlap is locked volume. */
  hedging: boolean;
}

export function classifyAccount(
  server: ServerId,
  login: Login,
  account: Account | undefined,
  groups: ReadonlyMap<string, GroupSpec>,
  options: ExposureOptions,
): AccountSlice {
  if (!account) {
    return { group: NO_ACCOUNT_GROUP, region: UNKNOWN_REGION, book: 'B', coverage: false, hedging: false };
  }
  const spec = groups.get(account.group);
  const coverage = spec?.coverage ?? false;
  return {
    group: account.group,
    region: coverage ? COVERAGE_SLICE : (options.regionOf(server, login) ?? UNKNOWN_REGION),
    book: coverage ? COVERAGE_SLICE : options.bookOf(server, login, account.group),
    coverage,
    hedging: spec !== undefined && isHedging(spec.marginMode),
  };
}

export const sameSlice = (a: AccountSlice, b: AccountSlice): boolean =>
  a.group === b.group &&
  a.region === b.region &&
  a.book === b.book &&
  a.coverage === b.coverage &&
  a.hedging === b.hedging;

export function figuresOf(
  server: ServerId,
  login: Login,
  account: Account | undefined,
  options: ExposureOptions,
): AccountFigures | undefined {
  if (options.accountFigures) return options.accountFigures(server, login);
  return account ? { margin: account.margin, equity: account.equity, leverage: account.leverage } : undefined;
}

// Unit separator: cannot appear in a server, group or symbol name typed by a person.
const SEP = '\u001f';
export const symbolCellKey = (server: ServerId, symbol: string): string => `${server}${SEP}${symbol}`;
export const groupKey = (server: ServerId, group: string): string => `${server}${SEP}${group}`;
export const sliceCellKey = (slice: string, server: ServerId, symbol: string): string =>
  `${slice}${SEP}${server}${SEP}${symbol}`;
