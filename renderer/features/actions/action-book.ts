/**
 * The dealer actions a window knows: the `actions` stream on top of `actions.list`, plus the
 * replies of this window's own requests. The grid reads them through `feed` (a RowFeed, so
 * early frames are folded as for positions); dialogs follow one action through `get` and
 * `onChange`. `seen` keeps every state this window saw an action in, in order.
 */
import type { ActionRow, ActionState } from '../../../shared/actions';
import type { RowDelta } from '../../../shared/rows';
import { RowFeed } from '../../grids/row-feed';
import { isNewerAction } from './action-format';

export class ActionBook {
  readonly feed = new RowFeed<ActionRow>();
  /** The newest copy of every action seen, early frames and replies included (the feed folds those until the list). */
  private readonly latest = new Map<string, ActionRow>();
  private readonly states = new Map<string, ActionState[]>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  get revision(): number {
    return this.version;
  }

  get isLoaded(): boolean {
    return this.feed.isLoaded;
  }

  get(id: string): ActionRow | undefined {
    return this.latest.get(id);
  }

  /** Every state `id` was seen in by this window, oldest first. */
  seen(id: string): readonly ActionState[] {
    return this.states.get(id) ?? [];
  }

  /** Actions waiting for a second operator. */
  awaitingApproval(): number {
    let n = 0;
    for (const row of this.latest.values()) if (row.state === 'awaiting-approval') n++;
    return n;
  }

  push(delta: RowDelta<ActionRow>): void {
    const upserts = delta.upserts.filter((row) => isNewerAction(this.latest.get(row.id), row));
    if (upserts.length === 0 && delta.removes.length === 0) return;
    for (const row of upserts) this.note(row);
    for (const id of delta.removes) this.latest.delete(id);
    this.feed.push({ upserts, removes: delta.removes });
    this.changed();
  }

  load(list: readonly ActionRow[]): void {
    // A copy newer than the list (a reply or a frame that came first) stays: the feed replays those on top.
    const rows = list.filter((row) => isNewerAction(this.latest.get(row.id), row));
    for (const row of rows) this.note(row);
    this.feed.load(list);
    this.changed();
  }

  /** This window's own request answered with the action: its newest known state. */
  upsert(row: ActionRow): void {
    this.push({ upserts: [row], removes: [] });
  }

  resync(): void {
    this.feed.resync();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private note(row: ActionRow): void {
    this.latest.set(row.id, row);
    const states = this.states.get(row.id);
    if (!states) this.states.set(row.id, [row.state]);
    else if (states.at(-1) !== row.state) states.push(row.state);
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
