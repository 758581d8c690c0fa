/**
 * Positions, orders and accounts arrive as full lists on every poll (the Web API has no push), so
 * each list is compared with the previous one: new keys become `*.add`, changed ones `*.update`,
 * vanished ones `*.delete`. A record that failed to parse keeps its previous state (it is not
 * deleted) and is dead-lettered once.
 */
import type { Mapped, WireRecord } from '../mappers/reader';
import type { EventStream } from './stream';

export interface EntityKind<I, T> {
  /** The event prefix and payload field: 'position' → position.add { position }. */
  name: 'position' | 'order' | 'account';
  map(input: I): Mapped<T>;
  /** The key of a record that failed elsewhere, when its key field parses. */
  rawKey(input: I): number | undefined;
  /** The raw wire record, for the dead letter. */
  raw(input: I): WireRecord;
  key(value: T): number;
  /** The fields of the delete event besides type/server/seq/version. */
  deleted(key: number, login: number): Record<string, number>;
  login(value: T): number;
}

export class EntityMirror<I, T> {
  private readonly known = new Map<number, { print: string; login: number }>();

  constructor(private readonly kind: EntityKind<I, T>) {}

  get size(): number {
    return this.known.size;
  }

  /**
   * What the desk's cache already holds (after a desk restart): the first poll then updates those
   * still open and deletes those that closed while the desk was away, instead of leaving them.
   */
  seed(keys: readonly { key: number; login: number }[]): void {
    for (const { key, login } of keys) if (!this.known.has(key)) this.known.set(key, { print: '', login });
  }

  /** Turns the server's current list into the events that bring the desk to it. */
  apply(inputs: readonly I[], stream: EventStream): void {
    const { kind } = this;
    const seen = new Set<number>();
    for (const input of inputs) {
      const result = kind.map(input);
      if (!result.ok) {
        const key = kind.rawKey(input);
        if (key !== undefined) seen.add(key);
        stream.malformed(`${kind.name}.update`, kind.name, result, kind.raw(input), true);
        continue;
      }
      const key = kind.key(result.value);
      seen.add(key);
      const print = JSON.stringify(result.value);
      const before = this.known.get(key);
      if (before?.print === print) continue;
      this.known.set(key, { print, login: kind.login(result.value) });
      stream.add({ type: `${kind.name}.${before ? 'update' : 'add'}`, [kind.name]: result.value }, true);
    }
    for (const [key, { login }] of this.known) {
      if (seen.has(key)) continue;
      this.known.delete(key);
      stream.add({ type: `${kind.name}.delete`, ...kind.deleted(key, login) }, true);
    }
  }
}
