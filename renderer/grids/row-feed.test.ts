import { describe, expect, it } from 'vitest';
import { RowFeed, type RowSink, type RowTransaction } from './row-feed';

interface Row {
  id: string;
  v: number;
}

function recordingSink() {
  const sync: RowTransaction<Row>[] = [];
  const async: RowTransaction<Row>[] = [];
  const sink: RowSink<Row> = {
    applyTransaction: (tx) => sync.push(tx),
    applyTransactionAsync: (tx) => async.push(tx),
  };
  /** What the grid would hold after every transaction so far, in order. */
  const gridRows = () => {
    const grid = new Map<string, Row>();
    for (const tx of [...sync, ...async]) {
      for (const r of tx.remove) {
        if (!grid.delete(r.id)) throw new Error(`remove of a row the grid lacks: ${r.id}`);
      }
      for (const r of tx.add) {
        if (grid.has(r.id)) throw new Error(`duplicate add: ${r.id}`);
        grid.set(r.id, r);
      }
      for (const r of tx.update) {
        if (!grid.has(r.id)) throw new Error(`update of a row the grid lacks: ${r.id}`);
        grid.set(r.id, r);
      }
    }
    return Object.fromEntries([...grid].map(([id, r]) => [id, r.v]));
  };
  return { sink, sync, async, gridRows };
}

describe('RowFeed ordering', () => {
  it('replays batches that arrived before the snapshot on top of it', () => {
    const feed = new RowFeed<Row>();
    const grid = recordingSink();
    feed.attach(grid.sink);
    feed.push({
      upserts: [
        { id: 'a', v: 2 },
        { id: 'c', v: 9 },
      ],
      removes: [],
    });
    feed.push({ upserts: [], removes: ['b'] }); // closed while the snapshot was being read
    feed.load([
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ]);
    expect(grid.gridRows()).toEqual({ a: 2, c: 9 });
  });

  it('does not revive a row closed before the snapshot', () => {
    const feed = new RowFeed<Row>();
    const grid = recordingSink();
    feed.push({ upserts: [{ id: 'x', v: 1 }], removes: [] });
    feed.push({ upserts: [], removes: ['x'] });
    feed.load([]);
    feed.attach(grid.sink);
    expect(grid.gridRows()).toEqual({});
  });

  it('turns stream batches into adds, updates and removes the grid can apply', () => {
    const feed = new RowFeed<Row>();
    const grid = recordingSink();
    feed.load([{ id: 'a', v: 1 }]);
    feed.attach(grid.sink);
    feed.push({
      upserts: [
        { id: 'a', v: 2 },
        { id: 'b', v: 1 },
      ],
      removes: ['zz'],
    });
    feed.push({ upserts: [{ id: 'c', v: 1 }], removes: ['a'] });
    expect(grid.gridRows()).toEqual({ b: 1, c: 1 });
    expect(grid.async.at(-1)).toEqual({ add: [{ id: 'c', v: 1 }], update: [], remove: [{ id: 'a', v: 2 }] });
    expect(feed.size).toBe(2);
  });

  it('reads an id in both removes and upserts as "it is back", like the core batcher', () => {
    const feed = new RowFeed<Row>();
    const grid = recordingSink();
    feed.load([{ id: 'a', v: 1 }]);
    feed.attach(grid.sink);
    feed.push({
      upserts: [
        { id: 'a', v: 2 },
        { id: 'n', v: 1 },
      ],
      removes: ['a', 'n'],
    });
    expect(grid.gridRows()).toEqual({ a: 2, n: 1 });
  });

  it('refills a grid mounted again and reconciles a second snapshot', () => {
    const feed = new RowFeed<Row>();
    feed.load([
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ]);
    const first = recordingSink();
    const detach = feed.attach(first.sink);
    detach();
    feed.push({ upserts: [{ id: 'b', v: 5 }], removes: [] });
    expect(first.async).toHaveLength(0);
    const second = recordingSink();
    feed.attach(second.sink);
    expect(second.gridRows()).toEqual({ a: 1, b: 5 });
    feed.load([
      { id: 'b', v: 6 },
      { id: 'd', v: 1 },
    ]);
    expect(second.gridRows()).toEqual({ b: 6, d: 1 });
  });

  it('keeps rows on screen across a reconnect and reconciles with the new snapshot', () => {
    const feed = new RowFeed<Row>();
    const grid = recordingSink();
    feed.attach(grid.sink);
    feed.load([
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ]);
    feed.resync();
    feed.push({ upserts: [{ id: 'c', v: 3 }], removes: ['a'] });
    expect(grid.gridRows()).toEqual({ a: 1, b: 1 });
    feed.load([
      { id: 'a', v: 2 },
      { id: 'b', v: 2 },
    ]);
    expect(grid.gridRows()).toEqual({ b: 2, c: 3 });
  });

  it('tells listeners when the row count can have changed', () => {
    const feed = new RowFeed<Row>();
    let calls = 0;
    feed.onChange(() => calls++);
    feed.load([{ id: 'a', v: 1 }]);
    feed.push({ upserts: [{ id: 'a', v: 2 }], removes: [] });
    expect(calls).toBe(1);
    feed.push({ upserts: [{ id: 'b', v: 2 }], removes: [] });
    expect(calls).toBe(2);
  });
});

describe('RowFeed updates rows in place', () => {
  interface Quote {
    id: string;
    symbol: string;
    bid: number;
    comment?: string;
  }

  /** A row that counts the fields written into it after the snapshot. */
  function watched(row: Quote) {
    const written: string[] = [];
    const proxy = new Proxy(row, {
      set(target, key, value) {
        written.push(String(key));
        return Reflect.set(target, key, value);
      },
    });
    return { row: proxy, written };
  }

  it('hands the grid the row it already holds, with the new figures written into it', () => {
    const feed = new RowFeed<Quote>();
    const applied: RowTransaction<Quote>[] = [];
    feed.attach({ applyTransaction: (tx) => applied.push(tx), applyTransactionAsync: (tx) => applied.push(tx) });
    const shown = watched({ id: 'p1', symbol: 'EURUSD', bid: 1.1, comment: 'hedge' });
    feed.load([shown.row]);

    feed.push({ upserts: [{ id: 'p1', symbol: 'EURUSD', bid: 1.2 }], removes: [] });

    const update = applied.at(-1)?.update ?? [];
    expect(update).toHaveLength(1);
    expect(update[0]).toBe(shown.row);
    expect(feed.get('p1')).toBe(shown.row);
    expect(shown.row).toEqual({ id: 'p1', symbol: 'EURUSD', bid: 1.2, comment: undefined });
    // Only what changed is written: the same symbol and id are left alone, the dropped comment cleared.
    expect(shown.written.sort()).toEqual(['bid', 'comment']);
  });

  it('adds a new object for a new row and for a row closed and reopened in one batch', () => {
    const feed = new RowFeed<Quote>();
    const applied: RowTransaction<Quote>[] = [];
    feed.attach({ applyTransaction: (tx) => applied.push(tx), applyTransactionAsync: (tx) => applied.push(tx) });
    const first = { id: 'p1', symbol: 'EURUSD', bid: 1.1 };
    feed.load([first]);

    const reopened = { id: 'p1', symbol: 'EURUSD', bid: 1.3 };
    const opened = { id: 'p2', symbol: 'XAUUSD', bid: 2400 };
    feed.push({ upserts: [reopened, opened], removes: ['p1'] });

    const tx = applied.at(-1);
    expect(tx?.add).toEqual([opened]);
    expect(tx?.update[0]).toBe(reopened);
    expect(feed.get('p1')).toBe(reopened);
    expect(first.bid).toBe(1.1); // the closed row's object is not touched
  });
});
