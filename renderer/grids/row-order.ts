/**
 * The order of a windowed grid's rows: the feed's rows that pass the filters, in sort order. The
 * grid asks it for the rows of the window it draws (windowed-grid.ts), so ag-grid never holds or
 * re-sorts the whole book.
 *
 * What it costs, and when:
 * - A new query (sort, column filter, toolbar filter, quick search): one pass over the book and a
 *   sort, on the next read.
 * - Opens and closes: applied in place. A close is one compaction pass over the list; an open is
 *   appended, or with a sort, put in place by binary search. No sort, no filter: order is the
 *   feed's own (first seen first), and nothing else ever moves a row.
 * - Changed figures: with a sort or a filter, a row's figures may move it or hide it. The list is
 *   then rebuilt at most once per `resortMs` (the caller's clock), not per frame: the figures on
 *   screen still move every frame, and the ranking catches up within that time. Rows that re-rank
 *   twenty times a second cannot be read anyway.
 */
import type { KeyedRow } from './row-feed';

export interface SortKey {
  colId: string;
  sort: 'asc' | 'desc';
}

export interface RowQuery<T> {
  sort: readonly SortKey[];
  /** Null when nothing filters: the order then never depends on a row's figures. */
  keep: ((row: T) => boolean) | null;
}

/** More opens and closes than this in one batch are applied by a rebuild. */
const BULK_ROWS = 64;

/** How long changed figures may leave the ranking or filtering behind (see above). */
export const RESORT_MS = 500;

export class RowOrder<T extends KeyedRow> {
  private list: T[] = [];
  private stale = true;
  private figuresMoved = false;
  private lastBuilt = Number.NEGATIVE_INFINITY;
  private query: RowQuery<T> = { sort: [], keep: null };
  private compare: ((a: T, b: T) => number) | null = null;

  constructor(
    private readonly source: () => Iterable<T>,
    private readonly now: () => number = () => performance.now(),
    private readonly resortMs = RESORT_MS,
  ) {}

  /** A new sort or filter: the list is rebuilt on the next read. */
  setQuery(query: RowQuery<T>): void {
    this.query = query;
    this.compare = query.sort.length > 0 ? comparatorOf<T>(query.sort) : null;
    this.stale = true;
  }

  get isFiltered(): boolean {
    return this.query.keep !== null;
  }

  /** True when a row's figures can move or hide it. */
  get followsFigures(): boolean {
    return this.compare !== null || this.query.keep !== null;
  }

  /** A batch from the feed: closes and opens in place; changed figures mark the ranking as behind. */
  apply(added: readonly T[], updated: readonly T[], removed: readonly T[]): void {
    if (updated.length > 0 && this.followsFigures) this.figuresMoved = true;
    if (this.stale) return;
    // Many at once (a reconnect's reconciliation): one rebuild, not thousands of inserts.
    if (added.length + removed.length > BULK_ROWS) {
      this.stale = true;
      return;
    }
    if (removed.length > 0) this.drop(removed);
    for (const row of added) this.insert(row);
  }

  /**
   * Milliseconds until changed figures are due to re-rank the rows, or null when the ranking is not
   * behind. A caller that reads no more rows (a quiet market sends no batch) uses it to catch up.
   */
  dueIn(): number | null {
    if (this.stale) return 0;
    return this.figuresMoved ? Math.max(0, this.lastBuilt + this.resortMs - this.now()) : null;
  }

  /** The ordered rows, rebuilt first if the query changed or the ranking is due. */
  rows(): readonly T[] {
    if (this.stale || (this.figuresMoved && this.now() - this.lastBuilt >= this.resortMs)) this.rebuild();
    return this.list;
  }

  private rebuild(): void {
    const keep = this.query.keep;
    const list: T[] = [];
    for (const row of this.source()) if (keep === null || keep(row)) list.push(row);
    if (this.compare) list.sort(this.compare);
    this.list = list;
    this.stale = false;
    this.figuresMoved = false;
    this.lastBuilt = this.now();
  }

  /** A frame's few closes are found by identity (the feed hands back the object it listed): a pointer scan. */
  private drop(removed: readonly T[]): void {
    for (const row of removed) {
      let at = this.list.indexOf(row);
      if (at < 0) at = this.list.findIndex((listed) => listed.id === row.id);
      if (at >= 0) this.list.splice(at, 1);
    }
  }

  private insert(row: T): void {
    if (this.query.keep !== null && !this.query.keep(row)) return;
    const compare = this.compare;
    if (!compare) {
      this.list.push(row);
      return;
    }
    // After the last row that sorts before or equal to it, as a stable sort of the feed would put it.
    let low = 0;
    let high = this.list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(this.list[mid] as T, row) <= 0) low = mid + 1;
      else high = mid;
    }
    this.list.splice(low, 0, row);
  }
}

/** ag-grid's default comparison: blanks first, numbers by value, text by code unit; desc reverses. */
export function comparatorOf<T>(sort: readonly SortKey[]): (a: T, b: T) => number {
  const keys = sort.map(({ colId, sort: direction }) => ({ colId, sign: direction === 'desc' ? -1 : 1 }));
  return (a, b) => {
    for (const { colId, sign } of keys) {
      const result = compareValues((a as Record<string, unknown>)[colId], (b as Record<string, unknown>)[colId]);
      if (result !== 0) return result * sign;
    }
    return 0;
  };
}

function compareValues(a: unknown, b: unknown): number {
  const aBlank = a === null || a === undefined;
  const bBlank = b === null || b === undefined;
  if (aBlank || bBlank) return aBlank === bBlank ? 0 : aBlank ? -1 : 1;
  if ((a as number) < (b as number)) return -1;
  if ((a as number) > (b as number)) return 1;
  return 0;
}
