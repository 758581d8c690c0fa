import type { GridApi, RowDataTransaction, RowNodeTransaction } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import { frameRowSinkOf } from './grid-setup';
import { RowFeed } from './row-feed';

interface Row {
  id: string;
  v: number;
}

/**
 * The part of ag-grid's api a frame sink touches: synchronous transactions, row lookup by id, and
 * whether a sort or filter is set. `model` counts transactions, the only path that re-runs the row
 * model over every row.
 */
function fakeGrid(state: { sorted?: boolean; filtered?: boolean; drawn?: string[] } = {}) {
  const nodes = new Map<string, { data: Row; updateData(data: Row): void }>();
  /** Ids whose node was told of new figures (updateData), in order. */
  const told: string[] = [];
  const node = (data: Row) => {
    const n = {
      data,
      updateData(next: Row) {
        told.push(next.id);
        n.data = next;
      },
    };
    return n;
  };
  let model = 0;
  const api = {
    applyTransaction(tx: RowDataTransaction<Row>): RowNodeTransaction<Row> {
      model++;
      const removed = (tx.remove ?? []).map((r) => nodes.get((r as Row).id));
      for (const r of tx.remove ?? []) nodes.delete((r as Row).id);
      const added = (tx.add ?? []).map((r) => {
        nodes.set(r.id, node(r));
        return nodes.get(r.id);
      });
      const updated = (tx.update ?? []).map((r) => {
        nodes.get(r.id)?.updateData(r);
        return nodes.get(r.id);
      });
      return { add: added, update: updated, remove: removed } as never;
    },
    applyTransactionAsync() {
      throw new Error('a frame sink never queues');
    },
    getRowNode: (id: string) => nodes.get(id),
    getRenderedNodes: () => [...nodes.values()].filter((n) => state.drawn?.includes(n.data.id) ?? true),
    isAnyFilterPresent: () => state.filtered === true,
    getColumns: () => [{ getSort: () => (state.sorted ? 'desc' : undefined) }],
  };
  const shown = () => Object.fromEntries([...nodes].map(([id, n]) => [id, n.data.v]));
  return { api: api as unknown as GridApi<Row>, shown, models: () => model, told };
}

const counts = (r: RowNodeTransaction<Row>) => [r.add.length, r.update.length, r.remove.length];

describe('frameRowSinkOf', () => {
  it('applies each stream batch the moment it arrives and reports what the grid applied', () => {
    const grid = fakeGrid();
    const seen: RowNodeTransaction<Row>[] = [];
    const feed = new RowFeed<Row>();
    feed.load([{ id: 'a', v: 1 }]);
    feed.attach(frameRowSinkOf(grid.api, (result) => seen.push(result)));

    feed.push({ upserts: [{ id: 'a', v: 2 }], removes: [] });
    expect(grid.shown()).toEqual({ a: 2 }); // no wait, no timer
    feed.push({ upserts: [{ id: 'b', v: 1 }], removes: ['a'] });

    expect(grid.shown()).toEqual({ b: 1 });
    expect(seen.map(counts)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [1, 0, 1],
    ]);
  });

  it('updates rows in place when no sort or filter can move them, and only then', () => {
    for (const state of [{}, { sorted: true }, { filtered: true }]) {
      const grid = fakeGrid(state);
      const feed = new RowFeed<Row>();
      feed.load([{ id: 'a', v: 1 }]);
      feed.attach(frameRowSinkOf(grid.api));
      feed.push({ upserts: [{ id: 'a', v: 2 }], removes: [] });
      expect(grid.shown()).toEqual({ a: 2 });
      // The first fill is a transaction; an update-only batch re-runs the model only if sorted or filtered.
      expect(grid.models()).toBe(Object.keys(state).length === 0 ? 1 : 2);
    }
  });

  it('redraws only the rows it draws; rows off screen already hold their new figures', () => {
    const grid = fakeGrid({ drawn: ['a'] });
    const feed = new RowFeed<Row>();
    feed.load([
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ]);
    feed.attach(frameRowSinkOf(grid.api));
    feed.push({
      upserts: [
        { id: 'a', v: 2 },
        { id: 'b', v: 2 },
      ],
      removes: [],
    });
    expect(grid.told).toEqual(['a']);
    expect(grid.shown()).toEqual({ a: 2, b: 2 });
    // Closed and reopened in one frame: the feed holds a new object, which the node must be given.
    feed.push({ upserts: [{ id: 'b', v: 3 }], removes: ['b'] });
    expect(grid.told).toEqual(['a', 'b']);
    expect(grid.shown()).toEqual({ a: 2, b: 3 });
  });

  it('falls back to a transaction when a batch adds, removes, or names a row the grid lacks', () => {
    const grid = fakeGrid();
    const sink = frameRowSinkOf(grid.api);
    sink.applyTransaction({ add: [{ id: 'a', v: 1 }], update: [], remove: [] });
    sink.applyTransactionAsync({ add: [], update: [{ id: 'zz', v: 1 }], remove: [] });
    expect(grid.models()).toBe(2);
  });
});
