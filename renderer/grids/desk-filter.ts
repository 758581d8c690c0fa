/**
 * The toolbar's filters. The accounts grid applies them inside ag-grid as its external filter, so
 * sorting, the quick filter and column filters all compose with them; the windowed positions grid
 * applies them in its own row order (windowed-grid.ts).
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

/**
 * The toolbar's quick search for a grid that filters its rows itself (windowed-grid.ts): every
 * word must appear, case-insensitively, in one of `fields`, as ag-grid's quick filter matches words
 * across a row. Null when there is nothing to search for.
 *
 * Each row's searchable text is kept, by row id, until one of its fields changes: a re-ranking of
 * 21,700 positions then compares fields instead of building 21,700 strings. The texts live as long
 * as this search does (bench/row-order.bench.ts).
 */
export function quickSearchOf<T extends { id: string }>(
  quick: string,
  fields: readonly (keyof T & string)[],
): ((row: T) => boolean) | null {
  const words = quick
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return null;
  const texts = new Map<string, { values: unknown[]; text: string }>();
  const textOf = (row: T): string => {
    const kept = texts.get(row.id);
    if (kept && sameValues(kept.values, row, fields)) return kept.text;
    const values = fields.map((field) => row[field]);
    const text = values
      .map((value) => String(value ?? ''))
      .join('\n')
      .toLowerCase();
    texts.set(row.id, { values, text });
    return text;
  };
  return (row) => {
    const text = textOf(row);
    for (const word of words) if (!text.includes(word)) return false;
    return true;
  };
}

function sameValues<T>(values: readonly unknown[], row: T, fields: readonly (keyof T)[]): boolean {
  for (let i = 0; i < fields.length; i++) if (values[i] !== row[fields[i] as keyof T]) return false;
  return true;
}
