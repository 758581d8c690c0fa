/** Grid rows from the book's live records (shared/rows.ts). */
import { PositionAction, UserRights } from '../../../shared/mt5';
import type { BookColumn } from '../../../shared/routing';
import type { AccountRow, PositionRow } from '../../../shared/rows';
import { volumeToLots } from '../../../shared/units';
import type { LiveAccount, LivePosition, ServerBook } from './state';
import type { AccountTable, PositionTable } from './tables';
import { marginLevel } from './valuation';

export interface ClientRef {
  clientId: string;
  clientName: string;
}

export function positionRow(
  live: LivePosition,
  figures: PositionTable,
  serverBook: ServerBook,
  client: ClientRef | undefined,
  commission: number,
  book: BookColumn,
): PositionRow {
  const p = live.position;
  const account = live.account;
  const group = account?.group;
  const spec = serverBook.symbols.get(p.symbol);
  return {
    id: live.id,
    server: live.server,
    ticket: p.ticket,
    login: p.login,
    clientId: client?.clientId ?? null,
    clientName: client?.clientName ?? '',
    group: account?.account.group ?? '',
    currency: group?.currency ?? '',
    symbol: p.symbol,
    digits: spec?.digits ?? 5,
    side: p.action === PositionAction.BUY ? 'buy' : 'sell',
    lots: volumeToLots(p.volume),
    priceOpen: p.priceOpen,
    priceCurrent: figures.priceCurrent[live.row] as number,
    profit: figures.profit[live.row] as number,
    swap: p.swap,
    commission,
    openTimeMsc: p.timeCreateMsc,
    coverage: group?.coverage ?? false,
    book,
  };
}

export function accountRow(
  live: LiveAccount,
  figures: AccountTable,
  client: ClientRef | undefined,
  book: BookColumn,
): AccountRow {
  const a = live.account;
  const equity = figures.equity[live.row] as number;
  const margin = figures.margin[live.row] as number;
  const group = live.group;
  return {
    id: live.id,
    server: live.server,
    login: a.login,
    clientId: client?.clientId ?? null,
    clientName: client?.clientName ?? a.name,
    group: a.group,
    currency: group?.currency ?? '',
    leverage: a.leverage,
    balance: a.balance,
    credit: a.credit,
    equity,
    margin,
    marginFree: equity - margin,
    marginLevel: marginLevel(equity, margin),
    marginCallLevel: group?.marginCall ?? 0,
    stopOutLevel: group?.marginStopOut ?? 0,
    marginState: figures.marginState(live.row),
    positions: live.positions.length,
    tradeDisabled: (a.rights & UserRights.TRADE_DISABLED) !== 0,
    coverage: group?.coverage ?? false,
    book,
  };
}
