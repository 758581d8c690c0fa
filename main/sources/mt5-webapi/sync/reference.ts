/**
 * Symbols and groups: read in full at sync and now and then after (they change rarely), sent on as
 * symbol.update / group.update only when they changed. A mask query truncated at the limit is
 * walked by index instead (total + next), one record at a time as MT5's next answers.
 */
import type { GroupSpec, SymbolSpec } from '../../../../shared/domain';
import { Retcode } from '../../../../shared/mt5';
import type { WebApiConnection } from '../connection/connection';
import { groupFromWire } from '../mappers/group';
import type { Mapped, WireRecord } from '../mappers/reader';
import { symbolFromWire } from '../mappers/symbol';
import { RefusedError, rows, TruncatedError } from './queries';
import type { EventStream } from './stream';

export class ReferenceData {
  private readonly printed = new Map<string, string>();
  private groupNames: string[] = [];

  constructor(
    private readonly connection: WebApiConnection,
    private readonly stream: EventStream,
  ) {}

  /** The server's groups as last read: how truncated mask queries are split. */
  get groups(): readonly string[] {
    return this.groupNames;
  }

  async refresh(): Promise<void> {
    const symbols = await this.all('symbol');
    for (const record of symbols) this.offer('symbol', symbolFromWire(record), record, (s) => s.symbol);
    const groups = await this.all('group');
    const names: string[] = [];
    for (const record of groups) {
      const name = this.offer('group', groupFromWire(record), record, (g: GroupSpec) => g.group);
      if (name !== undefined) names.push(name);
    }
    this.groupNames = names;
  }

  private offer<T extends SymbolSpec | GroupSpec>(
    kind: 'symbol' | 'group',
    result: Mapped<T>,
    raw: WireRecord,
    nameOf: (value: T) => string,
  ): string | undefined {
    if (!result.ok) {
      this.stream.malformed(`${kind}.update`, kind, result, raw, true);
      const name = raw[kind === 'symbol' ? 'Symbol' : 'Group'];
      return typeof name === 'string' ? name : undefined;
    }
    const name = nameOf(result.value);
    const print = JSON.stringify(result.value);
    const key = `${kind}:${name}`;
    if (this.printed.get(key) !== print) {
      this.printed.set(key, print);
      this.stream.add({ type: `${kind}.update`, [kind]: result.value }, true);
    }
    return name;
  }

  private async all(kind: 'symbol' | 'group'): Promise<WireRecord[]> {
    try {
      return await rows(this.connection, `${kind}/get`, { mask: '*' });
    } catch (error) {
      if (!(error instanceof TruncatedError)) throw error;
    }
    const total = await this.connection.request(`${kind}/total`);
    if (total.retcode !== Retcode.OK) throw new RefusedError(`${kind}/total`, total.retcode, total.retcodeText);
    const count = Number((total.body.answer as WireRecord | undefined)?.Total ?? 0);
    const all: WireRecord[] = [];
    for (let index = 0; index < count; index++) {
      const next = await this.connection.request(`${kind}/next`, { index });
      if (next.retcode === Retcode.ERR_NOTFOUND) break;
      if (next.retcode !== Retcode.OK) throw new RefusedError(`${kind}/next`, next.retcode, next.retcodeText);
      if (typeof next.body.answer === 'object' && next.body.answer !== null) all.push(next.body.answer as WireRecord);
    }
    return all;
  }
}
