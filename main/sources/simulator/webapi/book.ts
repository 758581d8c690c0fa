/**
 * The server's records as the endpoints read them: the simulator's ground truth (accounts, open
 * positions and orders, deals), its reference data as last published, and the tick tape. The
 * server feeds it every event the simulator hands out (`absorb`), so what the Web API serves is
 * exactly what the simulator emitted.
 */
import type { GroupSpec, Login, SymbolSpec } from '../../../../shared/domain';
import type { SyncEvent } from '../../../../shared/events';
import type { GroundTruth } from '../journal';
import type { Simulator } from '../simulator';
import { DealBook } from './deal-book';
import { TickTape } from './tick-tape';

/** MT5 answers at most this many rows to a mask query, then retcode 14 (MT5-PROTOCOL.md §6). */
export const MASK_LIMIT = 5000;

export class ServerBook {
  readonly ticks = new TickTape();
  readonly deals: DealBook;
  private readonly symbolSpecs = new Map<string, SymbolSpec>();
  private readonly groupSpecs = new Map<string, GroupSpec>();

  constructor(
    readonly simulator: Simulator,
    readonly maskLimit = MASK_LIMIT,
  ) {
    this.deals = new DealBook(simulator.truth().deals);
    for (const s of simulator.catalog.symbols) this.symbolSpecs.set(s.spec.symbol, s.spec);
    for (const g of simulator.catalog.groups) this.groupSpecs.set(g.spec.group, g.spec);
  }

  get truth(): GroundTruth {
    return this.simulator.truth();
  }

  absorb(events: readonly SyncEvent[]): void {
    for (const event of events) {
      if (event.type === 'tick') this.ticks.record(event.tick);
      else if (event.type === 'symbol.update') this.symbolSpecs.set(event.symbol.symbol, event.symbol);
      else if (event.type === 'group.update') this.groupSpecs.set(event.group.group, event.group);
    }
  }

  /** In catalog order, so group/next and symbol/next walk a stable list. */
  get symbols(): SymbolSpec[] {
    return [...this.symbolSpecs.values()];
  }

  get groups(): GroupSpec[] {
    return [...this.groupSpecs.values()];
  }

  symbol(name: string): SymbolSpec | undefined {
    return this.symbolSpecs.get(name);
  }

  group(name: string): GroupSpec | undefined {
    return this.groupSpecs.get(name);
  }

  /** Money digits of a login's deposit currency (2 when the login or its group is unknown). */
  currencyDigits(login: Login): number {
    const account = this.truth.accounts.get(login);
    return (account && this.groupSpecs.get(account.group)?.currencyDigits) ?? 2;
  }
}
