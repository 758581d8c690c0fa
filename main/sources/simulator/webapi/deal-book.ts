/**
 * Indexes over the simulator's deal journal (append-only, in time order), built incrementally
 * on each read so a query costs its answer, not a scan of every deal ever booked.
 */
import type { Deal, Login } from '../../../../shared/domain';
import type { TimeMsc } from '../../../../shared/units';

export class DealBook {
  private indexed = 0;
  private readonly byTicket = new Map<number, Deal>();
  private readonly byLogin = new Map<Login, Deal[]>();

  constructor(private readonly deals: readonly Deal[]) {}

  get(ticket: number): Deal | undefined {
    this.catchUp();
    return this.byTicket.get(ticket);
  }

  /** A login's deals with fromMsc ≤ time ≤ toMsc. */
  ofLogin(login: Login, fromMsc: TimeMsc, toMsc: TimeMsc): Deal[] {
    this.catchUp();
    return window(this.byLogin.get(login) ?? [], fromMsc, toMsc);
  }

  /** Every deal with fromMsc ≤ time ≤ toMsc. */
  between(fromMsc: TimeMsc, toMsc: TimeMsc): Deal[] {
    return window(this.deals, fromMsc, toMsc);
  }

  private catchUp(): void {
    for (; this.indexed < this.deals.length; this.indexed++) {
      const deal = this.deals[this.indexed] as Deal;
      this.byTicket.set(deal.ticket, deal);
      const list = this.byLogin.get(deal.login);
      if (list === undefined) this.byLogin.set(deal.login, [deal]);
      else list.push(deal);
    }
  }
}

function window(deals: readonly Deal[], fromMsc: TimeMsc, toMsc: TimeMsc): Deal[] {
  const start = firstAtOrAfter(deals, fromMsc);
  const end = firstAtOrAfter(deals, toMsc + 1);
  return deals.slice(start, end);
}

/** Binary search: deals are booked on a clock that never goes back. */
function firstAtOrAfter(deals: readonly Deal[], timeMsc: TimeMsc): number {
  let low = 0;
  let high = deals.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((deals[mid] as Deal).timeMsc < timeMsc) low = mid + 1;
    else high = mid;
  }
  return low;
}
