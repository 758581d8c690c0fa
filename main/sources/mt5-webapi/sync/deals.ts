/**
 * New deals by time window from the stored cursor. `Time` is whole seconds and the window is in
 * seconds, so the window starts a little before the cursor (overlap) and what is at or before the
 * cursor's (TimeMsc, ticket) is skipped; it ends well after the server's latest known time, since
 * servers stamp deals in their own zone, hours off UTC (MT5-PROTOCOL.md §3 "Units").
 */
import type { Deal } from '../../../../shared/domain';
import type { WebApiConnection } from '../connection/connection';
import { dealFromWire } from '../mappers/deal';
import type { WireRecord } from '../mappers/reader';
import { dealsBetween } from './deal-window';
import type { EventStream } from './stream';

export interface DealWindowOptions {
  overlapSec: number;
  marginSec: number;
}

export class DealFeed {
  constructor(
    private readonly connection: WebApiConnection,
    private readonly groups: () => readonly string[],
    private readonly stream: EventStream,
    private readonly options: DealWindowOptions,
  ) {}

  /** Reads and emits the deals after the cursor; returns the newest deal time seen (0 if none). */
  async poll(serverNowMsc: number): Promise<number> {
    const { dealTimeMsc, dealTicket } = this.stream.position;
    const from = Math.max(0, Math.floor(dealTimeMsc / 1000) - this.options.overlapSec);
    const to = Math.floor(serverNowMsc / 1000) + this.options.marginSec;
    const records = await dealsBetween(this.connection, from, to, this.groups);
    const fresh: Deal[] = [];
    for (const record of records) {
      const result = dealFromWire(record);
      if (!result.ok) {
        this.stream.malformed('deal.add', 'deal', result, record as WireRecord, false);
        continue;
      }
      const { timeMsc, ticket } = result.value;
      if (timeMsc > dealTimeMsc || (timeMsc === dealTimeMsc && ticket > dealTicket)) fresh.push(result.value);
    }
    fresh.sort((a, b) => a.timeMsc - b.timeMsc || a.ticket - b.ticket);
    let last = 0;
    for (const deal of fresh) {
      this.stream.addDeal({ type: 'deal.add', deal }, deal.timeMsc, deal.ticket);
      last = deal.timeMsc;
    }
    return last;
  }
}
