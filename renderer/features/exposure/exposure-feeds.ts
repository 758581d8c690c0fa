/**
 * One RowFeed per exposure tab, fed with whole snapshots: the first (or the first after a
 * reconnect) loads the feeds, later ones go in as deltas of only the rows that moved.
 * The `exposure.snapshot` reply and the stream race at start; whichever comes first loads, and a
 * reply that arrives after a stream snapshot is older than what is shown, so it is dropped.
 */
import type { ExposureSnapshot } from '../../../shared/exposure';
import { RowFeed } from '../../grids/row-feed';
import {
  type AssetGridRow,
  EXPOSURE_TABS,
  exposureDelta,
  exposureGridRows,
  type GroupGridRow,
  type SliceGridRow,
  type SymbolGridRow,
} from './exposure-rows';

export interface ExposureTabFeeds {
  symbol: RowFeed<SymbolGridRow>;
  asset: RowFeed<AssetGridRow>;
  group: RowFeed<GroupGridRow>;
  region: RowFeed<SliceGridRow>;
  book: RowFeed<SliceGridRow>;
}

export class ExposureFeeds {
  readonly tabs: ExposureTabFeeds = {
    symbol: new RowFeed(),
    asset: new RowFeed(),
    group: new RowFeed(),
    region: new RowFeed(),
    book: new RowFeed(),
  };
  private needsLoad = true;
  private streamed = false;
  private currency = '';

  get deskCurrency(): string {
    return this.currency;
  }

  get isLoaded(): boolean {
    return !this.needsLoad;
  }

  /** A snapshot from the stream. */
  push(snapshot: ExposureSnapshot): void {
    this.streamed = true;
    this.accept(snapshot);
  }

  /** The `exposure.snapshot` reply. */
  load(snapshot: ExposureSnapshot): void {
    if (this.streamed && !this.needsLoad) return;
    this.accept(snapshot);
  }

  /** The connection came back: the next snapshot, from either side, reloads every tab. */
  resync(): void {
    this.needsLoad = true;
    this.streamed = false;
  }

  private accept(snapshot: ExposureSnapshot): void {
    this.currency = snapshot.deskCurrency;
    const rows = exposureGridRows(snapshot);
    const loading = this.needsLoad;
    this.needsLoad = false;
    for (const tab of EXPOSURE_TABS) {
      // Each tab's feed is typed by its rows; the loop only pairs them up.
      const feed = this.tabs[tab] as unknown as RowFeed<{ id: string }>;
      const next = rows[tab] as { id: string }[];
      if (loading) {
        feed.load(next);
      } else {
        const ids = [...feed.values()].map((r) => r.id);
        const delta = exposureDelta((id) => feed.get(id), ids, next);
        if (delta.upserts.length + delta.removes.length > 0) feed.push(delta);
      }
    }
  }
}
