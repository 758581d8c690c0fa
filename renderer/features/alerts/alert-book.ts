/**
 * The alerts a window shows, kept between the `alerts` stream and the panel.
 *
 * Alerts are few (tens, at worst a few hundred margin calls) and each change matters, so the
 * panel renders them as cards from this book instead of a grid. Ordering follows RowFeed: the
 * session subscribes before it asks for `alerts.list`, batches that come first are folded and
 * replayed on the list. Listeners hear about every change, once per batch; `live` listeners
 * hear only alerts that changed after the list was in (what may deserve a sound).
 */
import type { AlertRow } from '../../../shared/contract';
import type { RowDelta } from '../../../shared/rows';

export type AlertListener = () => void;
export type LiveAlertListener = (alerts: readonly AlertRow[]) => void;
export type ListedAlertListener = (alerts: readonly AlertRow[]) => void;

/** Newest first (by when the occurrence opened), then by key so equal times keep one order. */
export function compareAlerts(a: AlertRow, b: AlertRow): number {
  if (a.firstMsc !== b.firstMsc) return b.firstMsc - a.firstMsc;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export interface AlertCounts {
  openCritical: number;
  openWarn: number;
  active: number;
}

/** "Open" for the badge: not yet handled by anyone (acknowledged and snoozed alerts are in hand). */
export function countAlerts(alerts: Iterable<AlertRow>): AlertCounts {
  const counts: AlertCounts = { openCritical: 0, openWarn: 0, active: 0 };
  for (const alert of alerts) {
    if (alert.state === 'resolved') continue;
    counts.active++;
    if (alert.state !== 'open') continue;
    if (alert.level === 'critical') counts.openCritical++;
    else counts.openWarn++;
  }
  return counts;
}

export class AlertBook {
  private readonly rows = new Map<string, AlertRow>();
  private readonly early = new Map<string, AlertRow>();
  private awaitingList = true;
  private loaded = false;
  private sorted: AlertRow[] | null = [];
  /** Where each alert sits in `sorted`, so a change that keeps its place is written in place. */
  private readonly place = new Map<string, number>();
  private readonly listeners = new Set<AlertListener>();
  private readonly liveListeners = new Set<LiveAlertListener>();
  private readonly listedListeners = new Set<ListedAlertListener>();
  /** Bumped on every change: a cheap snapshot token for useSyncExternalStore. */
  private version = 0;
  /** Bumped when an alert is added or its time, state or level changed (see `shape`). */
  private shapeVersion = 0;

  get isLoaded(): boolean {
    return this.loaded;
  }

  get size(): number {
    return this.rows.size;
  }

  get revision(): number {
    return this.version;
  }

  /**
   * Changes only when the list's shape does: an alert added, or one's first time (its place), state
   * or level (the hide-resolved filter and the counts). A value moving on an open alert, every frame
   * for margin levels, leaves it as it is.
   */
  get shape(): number {
    return this.shapeVersion;
  }

  get(key: string): AlertRow | undefined {
    return this.rows.get(key);
  }

  /** Every alert, newest first; rebuilt only when an alert was added or moved (see take). */
  list(): readonly AlertRow[] {
    if (!this.sorted) {
      this.sorted = [...this.rows.values()].sort(compareAlerts);
      this.place.clear();
      for (const [at, alert] of this.sorted.entries()) this.place.set(alert.id, at);
    }
    return this.sorted;
  }

  /** One stream batch: alerts that opened or changed. Alerts are never removed, only resolved. */
  push(delta: RowDelta<AlertRow>): void {
    if (this.awaitingList) {
      for (const row of delta.upserts) this.early.set(row.id, row);
      return;
    }
    if (delta.upserts.length === 0) return;
    this.take(delta.upserts);
    for (const listener of this.liveListeners) listener(delta.upserts);
  }

  /** The `alerts.list` reply (again after a reconnect). Early batches are newer: they win. */
  load(list: readonly AlertRow[]): void {
    const live = [...this.early.values()];
    // A reconnect keeps what was shown: an alert resolved more than an hour ago leaves the list
    // on the core's side, but a risk manager who was looking at it should still see it.
    for (const row of list) this.rows.set(row.id, row);
    for (const row of live) this.rows.set(row.id, row);
    this.early.clear();
    this.awaitingList = false;
    this.loaded = true;
    this.changed();
    for (const listener of this.listedListeners) listener(list);
    if (live.length > 0) for (const listener of this.liveListeners) listener(live);
  }

  /** An action's reply: the core's own answer is the newest state of that alert. */
  upsert(row: AlertRow): void {
    if (this.awaitingList) {
      this.early.set(row.id, row);
      return;
    }
    this.take([row]);
  }

  /** The connection was lost: fold batches from now on until the next list. */
  resync(): void {
    this.awaitingList = true;
    this.early.clear();
  }

  /**
   * Bound once: each card subscribes with it (use-alert-book.ts), and React subscribes again
   * whenever it is handed a new subscribe function.
   */
  readonly onChange = (listener: AlertListener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Alerts that changed while the window was watching (not the ones in the first list). */
  onLive(listener: LiveAlertListener): () => void {
    this.liveListeners.add(listener);
    return () => this.liveListeners.delete(listener);
  }

  /** The core's list as it came (before any early batch): what the window found when it started. */
  onListed(listener: ListedAlertListener): () => void {
    this.listedListeners.add(listener);
    return () => this.listedListeners.delete(listener);
  }

  /** Newer rows into the book: a row that keeps its place replaces the old one in the sorted list. */
  private take(rows: readonly AlertRow[]): void {
    let reordered = false;
    let reshaped = false;
    for (const row of rows) {
      const before = this.rows.get(row.id);
      this.rows.set(row.id, row);
      if (!before || before.firstMsc !== row.firstMsc || before.key !== row.key) reordered = true;
      else if (before.state !== row.state || before.level !== row.level) reshaped = true;
      const at = this.place.get(row.id);
      if (!reordered && this.sorted && at !== undefined) this.sorted[at] = row;
    }
    this.changed(reordered, reordered || reshaped);
  }

  private changed(reordered = true, reshaped = true): void {
    if (reordered) this.sorted = null;
    if (reshaped) this.shapeVersion++;
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
