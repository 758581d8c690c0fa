/**
 * From a row of any tab to the positions behind it. Symbol rows read their cell's ticket set
 * directly; other tabs walk the tickets of the symbols they span and keep those whose account
 * sits in the row's slice. A drill-down is a request a dealer makes by clicking, not a per-event
 * cost, so walking a symbol's tickets is acceptable there.
 */
import type { ServerId } from '../../../shared/domain';
import type { AccountSlice } from './keys';
import type { ExposureState, SymbolCell } from './state';
import { isFx } from './valuation';

export type ExposureRowRef =
  | { tab: 'symbol'; server: ServerId; symbol: string }
  | { tab: 'group'; server: ServerId; group: string }
  | { tab: 'region'; region: string }
  | { tab: 'book'; book: string }
  | { tab: 'asset'; asset: string };

export interface PositionRef {
  server: ServerId;
  ticket: number;
}

export type SliceOfPosition = (server: ServerId, ticket: number) => AccountSlice | undefined;

export function positionsBehind(state: ExposureState, row: ExposureRowRef, sliceOf: SliceOfPosition): PositionRef[] {
  const refs: PositionRef[] = [];
  for (const cell of state.symbolCells.values()) {
    if (!spans(state, cell, row)) continue;
    for (const ticket of cell.tickets) {
      if (row.tab === 'symbol' || row.tab === 'asset' || inSlice(sliceOf(cell.server, ticket), row)) {
        refs.push({ server: cell.server, ticket });
      }
    }
  }
  return refs.sort((a, b) => (a.server < b.server ? -1 : a.server > b.server ? 1 : a.ticket - b.ticket));
}

function spans(state: ExposureState, cell: SymbolCell, row: ExposureRowRef): boolean {
  switch (row.tab) {
    case 'symbol':
      return cell.server === row.server && cell.symbol === row.symbol;
    case 'group':
      return cell.server === row.server;
    case 'asset': {
      const spec = state.servers.get(cell.server)?.symbols.get(cell.symbol);
      if (!spec) return false;
      const asset = isFx(spec) ? spec.currencyBase : spec.symbol;
      return asset === row.asset || spec.currencyProfit === row.asset;
    }
    default:
      return true;
  }
}

function inSlice(slice: AccountSlice | undefined, row: ExposureRowRef): boolean {
  if (!slice) return false;
  if (row.tab === 'group') return slice.group === row.group;
  if (row.tab === 'region') return slice.region === row.region;
  if (row.tab === 'book') return slice.book === row.book;
  return true;
}
