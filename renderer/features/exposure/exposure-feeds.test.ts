import { describe, expect, it } from 'vitest';
import type { RowTransaction } from '../../grids/row-feed';
import { ExposureFeeds } from './exposure-feeds';
import { snapshot } from './exposure-fixtures';

function sink<T>() {
  const txs: { sync: boolean; tx: RowTransaction<T> }[] = [];
  return {
    txs,
    applyTransaction: (tx: RowTransaction<T>) => txs.push({ sync: true, tx }),
    applyTransactionAsync: (tx: RowTransaction<T>) => txs.push({ sync: false, tx }),
  };
}

describe('ExposureFeeds', () => {
  it('loads the first snapshot and then applies only what moved', () => {
    const feeds = new ExposureFeeds();
    const grid = sink<unknown>();
    feeds.tabs.symbol.attach(grid);
    feeds.load(snapshot(-1));
    expect(feeds.deskCurrency).toBe('USD');
    expect(grid.txs.at(-1)).toMatchObject({ sync: true, tx: { add: [{ id: 'sim-1:EURUSD' }] } });

    feeds.push(snapshot(-1));
    expect(grid.txs).toHaveLength(1);
    feeds.push(snapshot(-2));
    expect(grid.txs.at(-1)).toMatchObject({ sync: false, tx: { update: [{ brokerNetLots: -2 }] } });
  });

  it('drops a snapshot reply that arrives after a newer stream snapshot', () => {
    const feeds = new ExposureFeeds();
    feeds.push(snapshot(-5));
    feeds.load(snapshot(-1));
    expect(feeds.tabs.symbol.get('sim-1:EURUSD')!.brokerNetLots).toBe(-5);
  });

  it('reloads every tab after a reconnect', () => {
    const feeds = new ExposureFeeds();
    feeds.push(snapshot(-5));
    feeds.resync();
    expect(feeds.isLoaded).toBe(false);
    feeds.load(snapshot(-1));
    expect(feeds.tabs.symbol.get('sim-1:EURUSD')!.brokerNetLots).toBe(-1);
    expect(feeds.tabs.group.size).toBe(1);
  });
});
