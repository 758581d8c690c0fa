import { describe, expect, it } from 'vitest';
import { compileColumnFilters } from './column-filter';

interface Row {
  symbol: string | null;
  profit: number | null;
}

const read = (colId: string, row: Row) => row[colId as keyof Row];
const pass = (model: Record<string, unknown>, rows: Row[]) => rows.filter(compileColumnFilters(model, read));

const rows: Row[] = [
  { symbol: 'EURUSD', profit: -1500 },
  { symbol: 'eurjpy', profit: 0 },
  { symbol: 'XAUUSD', profit: 250 },
  { symbol: null, profit: null },
];

describe('compileColumnFilters', () => {
  it('evaluates text conditions case-insensitively, a blank cell matching only "blank"', () => {
    expect(pass({ symbol: { filterType: 'text', type: 'contains', filter: 'EUR' } }, rows)).toEqual(rows.slice(0, 2));
    expect(pass({ symbol: { filterType: 'text', type: 'startsWith', filter: 'xau' } }, rows)).toEqual([rows[2]]);
    expect(pass({ symbol: { filterType: 'text', type: 'notEqual', filter: 'eurusd' } }, rows)).toEqual(
      rows.slice(1, 3),
    );
    expect(pass({ symbol: { filterType: 'text', type: 'blank' } }, rows)).toEqual([rows[3]]);
  });

  it('evaluates number conditions, with "in range" excluding both ends', () => {
    expect(pass({ profit: { filterType: 'number', type: 'lessThan', filter: 0 } }, rows)).toEqual([rows[0]]);
    expect(pass({ profit: { filterType: 'number', type: 'greaterThanOrEqual', filter: 0 } }, rows)).toEqual(
      rows.slice(1, 3),
    );
    expect(pass({ profit: { filterType: 'number', type: 'inRange', filter: 0, filterTo: 250 } }, rows)).toEqual([]);
    expect(pass({ profit: { filterType: 'number', type: 'inRange', filter: -1, filterTo: 251 } }, rows)).toEqual(
      rows.slice(1, 3),
    );
    expect(pass({ profit: { filterType: 'number', type: 'notBlank' } }, rows)).toEqual(rows.slice(0, 3));
  });

  it('combines conditions of a column with AND or OR, and columns with AND', () => {
    const either = {
      filterType: 'number',
      operator: 'OR',
      conditions: [
        { filterType: 'number', type: 'lessThan', filter: -1000 },
        { filterType: 'number', type: 'greaterThan', filter: 100 },
      ],
    };
    expect(pass({ profit: either }, rows)).toEqual([rows[0], rows[2]]);
    expect(pass({ profit: either, symbol: { filterType: 'text', type: 'endsWith', filter: 'usd' } }, rows)).toEqual([
      rows[0],
      rows[2],
    ]);
    expect(pass({ profit: { ...either, operator: 'AND' } }, rows)).toEqual([]);
  });

  it('reads each column through the given reader (money in units, not cents)', () => {
    const inUnits = (colId: string, row: Row) => (colId === 'profit' && row.profit !== null ? row.profit / 100 : null);
    const filter = compileColumnFilters({ profit: { filterType: 'number', type: 'lessThan', filter: -10 } }, inUnits);
    expect(rows.filter(filter)).toEqual([rows[0]]);
  });

  it('refuses a filter it cannot evaluate, naming the column, instead of ignoring it', () => {
    expect(() => compileColumnFilters({ openTime: { filterType: 'date', type: 'equals' } }, read)).toThrow(
      /column filter on 'openTime'/,
    );
    expect(() => compileColumnFilters({ symbol: { filterType: 'text', type: 'regex', filter: '.' } }, read)).toThrow();
  });
});
