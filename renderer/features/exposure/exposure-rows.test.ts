import { describe, expect, it } from 'vitest';
import { snapshot } from './exposure-fixtures';
import {
  compareNullableNumbers,
  describeRowRef,
  exposureDelta,
  exposureGridRows,
  exposureRowRef,
  sameRow,
} from './exposure-rows';

describe('exposure grid rows', () => {
  it('keys each tab by what identifies its row, and lifts the group margin use out', () => {
    const rows = exposureGridRows(snapshot());
    expect(rows.symbol[0]!.id).toBe('sim-1:EURUSD');
    expect(rows.group[0]!.id).toBe('sim-1:real\\std');
    expect(rows.group[0]!.marginUtilisation).toBe(0.25);
    expect(rows.asset[0]!.id).toBe('EUR');
    expect(rows.region[0]!.id).toBe('EU');
    expect(rows.book[0]!.id).toBe('B');
  });

  it('names the row for the drill-down request', () => {
    const rows = exposureGridRows(snapshot());
    expect(exposureRowRef('symbol', rows.symbol[0]!)).toEqual({ tab: 'symbol', server: 'sim-1', symbol: 'EURUSD' });
    expect(exposureRowRef('group', rows.group[0]!)).toEqual({ tab: 'group', server: 'sim-1', group: 'real\\std' });
    expect(exposureRowRef('asset', rows.asset[0]!)).toEqual({ tab: 'asset', asset: 'EUR' });
    expect(exposureRowRef('region', rows.region[0]!)).toEqual({ tab: 'region', region: 'EU' });
    expect(exposureRowRef('book', rows.book[0]!)).toEqual({ tab: 'book', book: 'B' });
    expect(describeRowRef({ tab: 'symbol', server: 'sim-1', symbol: 'EURUSD' })).toBe('EURUSD on sim-1');
  });

  it('compares rows field by field, nested margin by value', () => {
    const [a] = exposureGridRows(snapshot()).group;
    const [b] = exposureGridRows(snapshot()).group;
    expect(sameRow(a!, b!)).toBe(true);
    expect(sameRow(a!, { ...b!, margin: { ...b!.margin, margin: 101 } })).toBe(false);
    expect(sameRow(a!, { ...b!, positions: 4 })).toBe(false);
  });

  it('sends only rows that moved, and removes rows that left', () => {
    const held = new Map(exposureGridRows(snapshot()).symbol.map((r) => [r.id, r]));
    held.set('sim-1:GONE', { ...held.get('sim-1:EURUSD')!, id: 'sim-1:GONE', symbol: 'GONE' });
    const same = exposureDelta((id) => held.get(id), held.keys(), exposureGridRows(snapshot()).symbol);
    expect(same).toEqual({ upserts: [], removes: ['sim-1:GONE'] });
    const moved = exposureDelta((id) => held.get(id), held.keys(), exposureGridRows(snapshot(-3)).symbol);
    expect(moved.upserts.map((r) => r.brokerNetLots)).toEqual([-3]);
  });
});

describe('compareNullableNumbers', () => {
  const sortBy = (values: (number | null)[], descending: boolean) => {
    const sorted = [...values].sort((a, b) => compareNullableNumbers(a, b, descending));
    // ag-grid reverses the comparator's order for a descending sort.
    return descending ? sorted.reverse() : sorted;
  };
  it('orders numbers and keeps unpriced rows last both ways', () => {
    expect(sortBy([3, null, -5, 1], false)).toEqual([-5, 1, 3, null]);
    expect(sortBy([3, null, -5, 1], true)).toEqual([3, 1, -5, null]);
  });
});
