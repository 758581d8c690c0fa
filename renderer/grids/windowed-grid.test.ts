import type { GridApi, IDatasource, IGetRowsParams } from 'ag-grid-community';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyFilters } from '../stores/desk-store';
import type { AppliedRows } from './grid-model';
import { RowFeed } from './row-feed';
import { RESORT_MS } from './row-order';
import { COUNT_MS, windowedModel } from './windowed-grid';

interface Row {
  id: string;
  server: string;
  group: string;
  login: number;
  symbol: string;
  clientName: string;
  profit: number;
}

const row = (n: number, profit = n, symbol = 'EURUSD'): Row => ({
  id: `s:${n}`,
  server: 's',
  group: 'real',
  login: 1000 + n,
  symbol,
  clientName: `Client ${n}`,
  profit,
});

/**
 * ag-grid's infinite row model as the windowed model sees it: a row count, and blocks of row nodes
 * it loaded through the datasource. Blocks load synchronously here (ag-grid uses a timeout).
 */
function fakeInfiniteGrid(datasource: IDatasource, blockSize = 4) {
  let count = 1;
  let sortModel: IGetRowsParams['sortModel'] = [];
  let filterModel: Record<string, unknown> = {};
  const loads: number[] = [];
  let failed = 0;
  const nodes = new Map<number, { id: string | undefined; rowIndex: number; data: Row | undefined }>();
  const load = (block: number) => {
    loads.push(block);
    datasource.getRows({
      startRow: block * blockSize,
      endRow: (block + 1) * blockSize,
      sortModel,
      filterModel,
      context: undefined,
      successCallback: (rows: Row[], last?: number) => {
        for (let i = 0; i < blockSize; i++) {
          const data = rows[i];
          nodes.set(block * blockSize + i, { id: data?.id, rowIndex: block * blockSize + i, data });
        }
        if (last !== undefined) count = last;
      },
      failCallback: () => failed++,
    } as unknown as IGetRowsParams);
  };
  const heldBlocks = () => [...new Set([...nodes.keys()].map((i) => Math.floor(i / blockSize)))];
  const api = {
    forEachNode(callback: (node: { id: string | undefined; rowIndex: number; data: Row | undefined }) => void) {
      for (const node of nodes.values()) if (node.rowIndex < count) callback(node);
    },
    /** The view draws the first three rows, as getLastDisplayedRowIndex says. */
    getRenderedNodes: () => [...nodes.values()].filter((node) => node.rowIndex < Math.min(count, 3)),
    getDisplayedRowCount: () => count,
    /** The view shows the first three rows. */
    getLastDisplayedRowIndex: () => Math.min(count, 3) - 1,
    setRowCount: (next: number) => {
      count = next;
    },
    refreshInfiniteCache: () => {
      for (const block of heldBlocks()) load(block);
    },
    isDestroyed: () => false,
  };
  // Each node's updateData writes the row it is given, as ag-grid's does; `told` lists them.
  const told: string[] = [];
  const withUpdate = () => {
    for (const node of nodes.values()) {
      Object.assign(node, {
        updateData(data: Row) {
          told.push(data.id);
          node.data = data;
        },
      });
    }
  };
  return {
    api: api as unknown as GridApi<Row>,
    /** The grid draws the first block, as it does when the grid opens. */
    open() {
      load(0);
      withUpdate();
    },
    /** The dealer sorts or filters a column: ag-grid drops its blocks and asks again. */
    query(sort: IGetRowsParams['sortModel'], filter: Record<string, unknown> = {}) {
      sortModel = sort;
      filterModel = filter;
      nodes.clear();
      load(0);
      withUpdate();
    },
    shown: () =>
      [...nodes.values()]
        .filter((n) => n.rowIndex < count && n.data)
        .sort((a, b) => a.rowIndex - b.rowIndex)
        .map((n) => n.data?.id),
    profits: () => [...nodes.values()].filter((n) => n.data).map((n) => n.data?.profit),
    loads,
    told,
    count: () => count,
    failed: () => failed,
  };
}

function setUp(rows: Row[]) {
  const feed = new RowFeed<Row>();
  feed.load(rows);
  const model = windowedModel(feed, { searchFields: ['login', 'clientName', 'symbol'] });
  const grid = fakeInfiniteGrid(model.options.datasource as IDatasource);
  const applied: AppliedRows[] = [];
  model.filtersChanged(grid.api, emptyFilters, null);
  const detach = model.attach(grid.api, (rows) => applied.push(rows()));
  grid.open();
  return { feed, model, grid, applied, detach };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('windowedModel', () => {
  it('serves the grid the window it asks for, and the size of the whole book', () => {
    const { grid, model } = setUp([1, 2, 3, 4, 5, 6].map((n) => row(n)));
    expect(grid.shown()).toEqual(['s:1', 's:2', 's:3', 's:4']);
    expect(grid.count()).toBe(6);
    expect(model.count(grid.api)).toEqual({ shown: 6, total: 6, filtered: false });
  });

  it('writes new figures into the rows the grid holds, without reloading them', () => {
    const { feed, grid, applied } = setUp([1, 2, 3, 4, 5, 6].map((n) => row(n)));
    const loads = grid.loads.length;
    feed.push({ upserts: [row(2, 250), row(4, 400), row(6, 600)], removes: [] });
    expect(grid.profits()).toEqual([1, 250, 3, 400]);
    expect(grid.loads.length).toBe(loads);
    // Only a drawn row is redrawn; s:4 is held but not drawn, and holds the refreshed row already.
    expect(grid.told).toEqual(['s:2']);
    expect(applied.at(-1)?.update?.map((r) => (r.data as Row).id)).toEqual(['s:2', 's:4', 's:6']);
  });

  it('reloads the rows it holds only when an open or close moved one of them', () => {
    vi.useFakeTimers();
    const { feed, grid, applied } = setUp([1, 2, 3, 4, 5, 6].map((n) => row(n)));
    vi.runAllTimers(); // the first fill's report
    const loads = grid.loads.length;

    feed.push({ upserts: [row(7)], removes: ['s:6'] }); // below the window: nothing drawn moves
    expect(grid.loads.length).toBe(loads);
    expect(grid.count()).toBe(6);

    feed.push({ upserts: [], removes: ['s:2'] }); // inside it: the rows below move up
    expect(grid.loads.length).toBe(loads + 1);
    expect(grid.shown()).toEqual(['s:1', 's:3', 's:4', 's:5']);
    expect(grid.count()).toBe(5);
    // The close is reported once the grid has drawn it: after ag-grid's own reload timeout.
    const reported = applied.length;
    vi.runAllTimers();
    expect(applied.length).toBe(reported + 1);
    expect(applied.at(-1)?.remove?.map((r) => (r.data as Row).id)).toEqual(['s:2']);
  });

  it("sorts and filters the whole book by the grid's own sort and column filter models", () => {
    const { grid } = setUp([row(1, 50), row(2, -70), row(3, 20, 'XAUUSD'), row(4, 90), row(5, -10)]);
    grid.query([{ colId: 'profit', sort: 'desc' }]);
    expect(grid.shown()).toEqual(['s:4', 's:1', 's:3', 's:5']);
    grid.query([{ colId: 'profit', sort: 'asc' }], {
      symbol: { filterType: 'text', type: 'equals', filter: 'eurusd' },
    });
    expect(grid.shown()).toEqual(['s:2', 's:5', 's:1', 's:4']);
    expect(grid.count()).toBe(4);
  });

  it('applies the toolbar filters and quick search, and counts what they leave', () => {
    const { grid, model } = setUp([row(1), row(14, 14, 'XAUUSD'), row(3), row(114)]);
    model.filtersChanged(grid.api, { ...emptyFilters, quick: 'client 14' }, emptyFilters);
    expect(grid.shown()).toEqual(['s:14', 's:114']);
    model.filtersChanged(grid.api, { ...emptyFilters, symbol: 'eur', quick: 'client 14' }, emptyFilters);
    expect(grid.shown()).toEqual(['s:114']);
    expect(model.count(grid.api)).toEqual({ shown: 1, total: 4, filtered: true });
  });

  it('fails the block, not the desk, on a column filter it cannot evaluate', () => {
    const { grid } = setUp([row(1)]);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    grid.query([], { openTimeMsc: { filterType: 'date', type: 'equals' } });
    expect(grid.failed()).toBe(1);
    expect(quiet).toHaveBeenCalledOnce();
  });

  it('re-ranks a sorted book once the interval has passed, even when no batch follows', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { feed, grid } = setUp([row(1, 10), row(2, 20), row(3, 30)]);
    grid.query([{ colId: 'profit', sort: 'desc' }]);
    expect(grid.shown()).toEqual(['s:3', 's:2', 's:1']);

    feed.push({ upserts: [row(1, 99)], removes: [] });
    expect(grid.shown()).toEqual(['s:3', 's:2', 's:1']); // figures now, ranking within the interval
    vi.advanceTimersByTime(RESORT_MS);
    expect(grid.shown()).toEqual(['s:1', 's:3', 's:2']);
  });

  it('lets the row count lag by up to a second while the end of the book is out of view', () => {
    vi.useFakeTimers();
    const { feed, grid, model } = setUp([1, 2, 3, 4, 5, 6, 7, 8].map((n) => row(n)));
    feed.push({ upserts: [row(9)], removes: [] });
    expect(grid.count()).toBe(8); // no re-measure of the scrollbar for a row nobody sees
    expect(model.count(grid.api).shown).toBe(9); // the panel's count is live
    vi.advanceTimersByTime(COUNT_MS);
    expect(grid.count()).toBe(9);
  });

  it('does not reload the rows it holds when rows are only added past them', () => {
    vi.useFakeTimers();
    const { feed, grid } = setUp([1, 2, 3, 4, 5, 6, 7, 8].map((n) => row(n)));
    vi.runAllTimers(); // the first fill's report
    const loads = grid.loads.length;
    feed.push({ upserts: [row(9), row(10)], removes: [] });
    vi.advanceTimersByTime(COUNT_MS);
    expect(grid.count()).toBe(10);
    // The held block (rows 1-4) neither moved nor ends the book: a reload would only redraw it.
    expect(grid.loads.length).toBe(loads);
    expect(grid.shown()).toEqual(['s:1', 's:2', 's:3', 's:4']);
  });

  it('follows the row count at once when the end of the book is drawn', () => {
    const { feed, grid } = setUp([row(1), row(2)]);
    feed.push({ upserts: [row(3)], removes: [] });
    expect(grid.count()).toBe(3);
    expect(grid.shown()).toEqual(['s:1', 's:2', 's:3']);
  });

  it('stops feeding the grid once detached', () => {
    const { feed, grid, applied, detach } = setUp([row(1), row(2)]);
    const loads = grid.loads.length;
    const reported = applied.length;
    detach();
    feed.push({ upserts: [row(3)], removes: ['s:1'] });
    expect(grid.shown()).toEqual(['s:1', 's:2']);
    expect(grid.count()).toBe(2);
    expect([grid.loads.length, applied.length]).toEqual([loads, reported]);
  });
});
