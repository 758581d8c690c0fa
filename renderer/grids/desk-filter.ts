/**
 * The toolbar's filters, applied inside ag-grid as its external filter so sorting, the quick
 * filter and column filters all compose with them.
 */
import type { DeskFilters } from '../stores/desk-store';

export interface FilterableRow {
  server: string;
  group: string;
  login: number;
  /** Positions have a symbol; accounts do not, so the symbol filter leaves them alone. */
  symbol?: string;
}

export function isDeskFilterActive(f: DeskFilters): boolean {
  return f.server !== '' || f.group.trim() !== '' || f.symbol.trim() !== '' || f.login.trim() !== '';
}

export function matchesDeskFilter(row: FilterableRow, f: DeskFilters): boolean {
  if (f.server !== '' && row.server !== f.server) return false;
  const group = f.group.trim().toLowerCase();
  if (group !== '' && !row.group.toLowerCase().includes(group)) return false;
  const login = f.login.trim();
  if (login !== '' && !String(row.login).startsWith(login)) return false;
  const symbol = f.symbol.trim().toLowerCase();
  if (symbol !== '' && row.symbol !== undefined && !row.symbol.toLowerCase().includes(symbol)) return false;
  return true;
}
