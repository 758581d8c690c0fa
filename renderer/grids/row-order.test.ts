import { describe, expect, it } from 'vitest';
import { comparatorOf, RowOrder } from './row-order';

interface Row {
  id: string;
  symbol: string;
  profit: number | null;
}

const row = (id: string, symbol: string, profit: number | null): Row => ({ id, symbol, profit });

function book(...rows: Row[]) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  let clock = 0;
  const order = new RowOrder<Row>(
    () => byId.values(),
    () => clock,
    500,
  );
  return {
    order,
    byId,
    ids: () => order.rows().map((r) => r.id),
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('RowOrder', () => {
  it('keeps the feed order when nothing sorts or filters, appending opens and dropping closes', () => {
    const b = book(row('a', 'EURUSD', 1), row('b', 'GBPUSD', 2), row('c', 'XAUUSD', 3));
    expect(b.ids()).toEqual(['a', 'b', 'c']);
    const d = row('d', 'EURUSD', 0);
    b.byId.set('d', d);
    b.byId.delete('b');
    b.order.apply([d], [], [row('b', 'GBPUSD', 2)]);
    expect(b.ids()).toEqual(['a', 'c', 'd']);
  });

  it('sorts by a column, blanks first, and puts an open in its place without a full sort', () => {
    const b = book(row('a', 'EURUSD', 30), row('b', 'GBPUSD', null), row('c', 'XAUUSD', -5));
    b.order.setQuery({ sort: [{ colId: 'profit', sort: 'asc' }], keep: null });
    expect(b.ids()).toEqual(['b', 'c', 'a']);
    const d = row('d', 'EURUSD', 10);
    b.byId.set('d', d);
    b.order.apply([d], [], []);
    expect(b.ids()).toEqual(['b', 'c', 'd', 'a']);

    b.order.setQuery({ sort: [{ colId: 'profit', sort: 'desc' }], keep: null });
    expect(b.ids()).toEqual(['a', 'd', 'c', 'b']);
  });

  it('breaks ties by the next sort key, then by the feed order', () => {
    const rows = [row('a', 'EURUSD', 1), row('b', 'AUDUSD', 1), row('c', 'EURUSD', 0), row('d', 'AUDUSD', 1)];
    const sorted = [...rows].sort(
      comparatorOf<Row>([
        { colId: 'profit', sort: 'desc' },
        { colId: 'symbol', sort: 'asc' },
      ]),
    );
    expect(sorted.map((r) => r.id)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('leaves out rows the filter does not keep, opens included', () => {
    const b = book(row('a', 'EURUSD', 1), row('b', 'GBPUSD', 2));
    b.order.setQuery({ sort: [], keep: (r) => r.symbol.startsWith('EUR') });
    expect(b.ids()).toEqual(['a']);
    expect(b.order.isFiltered).toBe(true);
    const c = row('c', 'GBPJPY', 0);
    const d = row('d', 'EURJPY', 0);
    b.byId.set('c', c);
    b.byId.set('d', d);
    b.order.apply([c, d], [], []);
    expect(b.ids()).toEqual(['a', 'd']);
  });

  it('re-ranks on changed figures at most once per interval, never per batch', () => {
    const a = row('a', 'EURUSD', 1);
    const b = book(a, row('b', 'GBPUSD', 2));
    b.order.setQuery({ sort: [{ colId: 'profit', sort: 'desc' }], keep: null });
    expect(b.ids()).toEqual(['b', 'a']);

    a.profit = 5; // refreshed in place by the feed
    b.order.apply([], [a], []);
    b.advance(100);
    expect(b.ids()).toEqual(['b', 'a']); // ranking still behind: within the interval
    b.advance(400);
    expect(b.ids()).toEqual(['a', 'b']);
  });

  it('never re-ranks an unsorted, unfiltered book on changed figures', () => {
    const a = row('a', 'EURUSD', 1);
    const b = book(a, row('b', 'GBPUSD', 2));
    const before = b.order.rows();
    a.profit = 9;
    b.order.apply([], [a], []);
    b.advance(10_000);
    expect(b.order.rows()).toBe(before);
  });
});

describe('RowOrder.dueIn', () => {
  it('says when changed figures are due to re-rank, and nothing when the ranking is current', () => {
    const a = row('a', 'EURUSD', 1);
    const b = book(a, row('b', 'GBPUSD', 2));
    b.order.setQuery({ sort: [{ colId: 'profit', sort: 'desc' }], keep: null });
    expect(b.order.dueIn()).toBe(0); // a new query: at once
    b.order.rows();
    expect(b.order.dueIn()).toBeNull();
    b.advance(200);
    b.order.apply([], [a], []);
    expect(b.order.dueIn()).toBe(300);
    b.advance(300);
    b.order.rows();
    expect(b.order.dueIn()).toBeNull();
  });
});

describe('RowOrder, many rows at once', () => {
  it('takes a reconnect-sized batch by one rebuild, in the same order as row by row', () => {
    const rows = Array.from({ length: 300 }, (_, i) => row(`r${i}`, 'EURUSD', (i * 7919) % 1000));
    const b = book(...rows.slice(0, 100));
    b.order.setQuery({ sort: [{ colId: 'profit', sort: 'asc' }], keep: null });
    const before = b.order.rows();
    const one = rows[299] as Row;
    b.byId.set(one.id, one);
    b.order.apply([one], [], []);
    expect(b.order.rows()).toBe(before); // a frame's open: put in place
    for (const r of rows.slice(100)) b.byId.set(r.id, r);
    for (const r of rows.slice(0, 50)) b.byId.delete(r.id);
    b.order.apply(rows.slice(100, 299), [], rows.slice(0, 50));
    expect(b.order.rows()).not.toBe(before); // rebuilt
    const expected = [...b.byId.values()].sort((x, y) => (x.profit as number) - (y.profit as number));
    expect(b.order.rows().map((r) => r.profit)).toEqual(expected.map((r) => r.profit));
    expect(b.order.rows()).toHaveLength(250);
  });
});
