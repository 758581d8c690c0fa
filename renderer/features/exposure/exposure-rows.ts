/**
 * The exposure snapshot cut into grid rows, one list per tab, each row keyed by a stable id, and
 * the difference between two snapshots as a stream delta: the core sends the whole panel about
 * twice a second, but a grid should only touch the rows whose figures moved.
 */
import type { AssetRow, ExposureSnapshot, GroupRow, SliceRow, SymbolRow } from '../../../shared/exposure';
import type { RowDelta } from '../../../shared/rows';
import type { ExposureRowRef, ExposureTab } from '../../stores/risk-store';

export type SymbolGridRow = SymbolRow & { id: string };
/** `marginUtilisation` is lifted out of `margin` so the column sorts and filters like any number. */
export type GroupGridRow = GroupRow & { id: string; marginUtilisation: number | null };
export type SliceGridRow = SliceRow & { id: string };
export type AssetGridRow = AssetRow & { id: string };

export interface ExposureGridRows {
  symbol: SymbolGridRow[];
  asset: AssetGridRow[];
  group: GroupGridRow[];
  region: SliceGridRow[];
  book: SliceGridRow[];
}
export type ExposureGridRow = ExposureGridRows[ExposureTab][number];

export const EXPOSURE_TABS: readonly ExposureTab[] = ['symbol', 'asset', 'group', 'region', 'book'];

export function exposureGridRows(snapshot: ExposureSnapshot): ExposureGridRows {
  return {
    symbol: snapshot.symbols.map((r) => ({ ...r, id: `${r.server}:${r.symbol}` })),
    asset: snapshot.assets.map((r) => ({ ...r, id: r.asset })),
    group: snapshot.groups.map((r) => ({
      ...r,
      id: `${r.server}:${r.group}`,
      marginUtilisation: r.margin.marginUtilisation,
    })),
    region: snapshot.regions.map((r) => ({ ...r, id: r.slice })),
    book: snapshot.books.map((r) => ({ ...r, id: r.slice })),
  };
}

/** Field by field; nested objects (a group's margin) compare by value. */
export function sameRow(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) {
    const x = left[key];
    const y = right[key];
    if (x === y) continue;
    if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null) {
      if (JSON.stringify(x) !== JSON.stringify(y)) return false;
    } else {
      return false;
    }
  }
  return true;
}

/** What changed from the rows a grid holds to the next snapshot's rows. */
export function exposureDelta<T extends { id: string }>(
  held: (id: string) => T | undefined,
  heldIds: Iterable<string>,
  next: readonly T[],
): RowDelta<T> {
  const upserts: T[] = [];
  const nextIds = new Set<string>();
  for (const row of next) {
    nextIds.add(row.id);
    const before = held(row.id);
    if (!before || !sameRow(before, row)) upserts.push(row);
  }
  const removes: string[] = [];
  for (const id of heldIds) if (!nextIds.has(id)) removes.push(id);
  return { upserts, removes };
}

/** The drill-down request for a row of a tab. */
export function exposureRowRef(tab: ExposureTab, row: ExposureGridRow): ExposureRowRef {
  switch (tab) {
    case 'symbol': {
      const r = row as SymbolGridRow;
      return { tab, server: r.server, symbol: r.symbol };
    }
    case 'group': {
      const r = row as GroupGridRow;
      return { tab, server: r.server, group: r.group };
    }
    case 'asset':
      return { tab, asset: (row as AssetGridRow).asset };
    case 'region':
      return { tab, region: (row as SliceGridRow).slice };
    case 'book':
      return { tab, book: (row as SliceGridRow).slice };
  }
}

/** The drilled row in a dealer's words: "EURUSD on sim-1", "Region EU". */
export function describeRowRef(ref: ExposureRowRef): string {
  switch (ref.tab) {
    case 'symbol':
      return `${ref.symbol} on ${ref.server}`;
    case 'group':
      return `Group ${ref.group} on ${ref.server}`;
    case 'asset':
      return `Asset ${ref.asset}`;
    case 'region':
      return `Region ${ref.region}`;
    case 'book':
      return `${ref.book}-book`;
  }
}

/** Same row of the same tab (the drill-down stays open while its row ticks). */
export function sameRowRef(a: ExposureRowRef | null, b: ExposureRowRef | null): boolean {
  return a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Numbers with "not priced yet" (null) always last, whichever way the column is sorted, so a risk
 * manager sorting by notional sees the largest figures first, not a block of dashes.
 */
export function compareNullableNumbers(
  a: number | null | undefined,
  b: number | null | undefined,
  descending: boolean,
): number {
  const aMissing = typeof a !== 'number' || Number.isNaN(a);
  const bMissing = typeof b !== 'number' || Number.isNaN(b);
  if (aMissing || bMissing) {
    if (aMissing && bMissing) return 0;
    // ag-grid reverses the comparator's result for a descending sort: undo that for missing values.
    const last = aMissing ? 1 : -1;
    return descending ? -last : last;
  }
  return (a as number) - (b as number);
}
