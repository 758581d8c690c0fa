/**
 * The last tick of every symbol and when it changed, counted in trans_id: one number per tick the
 * server published, strictly increasing. `tick/last` with trans_id 0 answers the latest tick of
 * every symbol asked for; with the trans_id of an earlier answer, only the symbols that ticked
 * since (delta polling, MT5-PROTOCOL.md §2.4).
 */
import type { Tick } from '../../../../shared/domain';

interface LastTick {
  tick: Tick;
  transId: number;
}

export class TickTape {
  private transId = 0;
  private readonly last = new Map<string, LastTick>();

  get currentTransId(): number {
    return this.transId;
  }

  record(tick: Tick): void {
    this.last.set(tick.symbol, { tick, transId: ++this.transId });
  }

  /**
   * Ticks of the matching symbols that changed after `transId`. An id this server never issued
   * (ahead of the counter: a client that talked to another server life) gets the full snapshot,
   * so the client cannot miss a symbol by resuming from a number that means nothing here.
   */
  since(transId: number, matches: (symbol: string) => boolean): Tick[] {
    const after = transId > this.transId ? 0 : transId;
    const ticks: Tick[] = [];
    for (const [symbol, last] of this.last) {
      if (last.transId > after && matches(symbol)) ticks.push(last.tick);
    }
    return ticks;
  }
}
