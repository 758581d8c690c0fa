/**
 * Short histories for the desk's charts, kept in memory from what the cache applied: a symbol's
 * mid price once per second of server time, the desk's recent trades in it, and the broker's net
 * exposure in it at each exposure snapshot. Fixed-size rings: a chart of the last half hour costs
 * the same however long the desk has run.
 */
import type { ServerId } from '../../shared/domain';
import type { SyncEvent } from '../../shared/events';
import type { ExposureSnapshot } from '../../shared/exposure';
import { DealAction } from '../../shared/mt5';
import { volumeToLots } from '../../shared/units';

const PRICE_POINTS = 1_800; // 30 min at one point per second
const TRADES = 500;
const EXPOSURE_POINTS = 3_600; // 30 min at two snapshots per second

export interface PricePoint {
  timeMsc: number;
  price: number;
}
export interface TradePoint {
  timeMsc: number;
  price: number;
  side: 'buy' | 'sell';
  lots: number;
  login: number;
  ticket: number;
}
export interface ExposurePoint {
  timeMsc: number;
  /** Desk cents. */
  brokerNetNotional: number;
}

/** The newest `capacity` items, oldest first on read. */
class Ring<T> {
  private readonly items: T[] = [];
  private start = 0;

  constructor(private readonly capacity: number) {}

  push(item: T): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  last(): T | undefined {
    if (this.items.length === 0) return undefined;
    return this.items[(this.start + this.items.length - 1) % this.items.length];
  }

  replaceLast(item: T): void {
    this.items[(this.start + this.items.length - 1) % this.items.length] = item;
  }

  toArray(): T[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }
}

interface SymbolHistory {
  prices: Ring<PricePoint>;
  trades: Ring<TradePoint>;
  exposure: Ring<ExposurePoint>;
}

export class ChartHistory {
  private readonly symbols = new Map<string, SymbolHistory>();

  private history(server: ServerId, symbol: string): SymbolHistory {
    const key = `${server}\u0000${symbol}`;
    let history = this.symbols.get(key);
    if (!history) {
      history = { prices: new Ring(PRICE_POINTS), trades: new Ring(TRADES), exposure: new Ring(EXPOSURE_POINTS) };
      this.symbols.set(key, history);
    }
    return history;
  }

  applied(server: ServerId, events: readonly SyncEvent[]): void {
    for (const event of events) {
      if (event.type === 'tick') {
        const { symbol, timeMsc, bid, ask } = event.tick;
        const prices = this.history(server, symbol).prices;
        const point = { timeMsc: Math.floor(timeMsc / 1000) * 1000, price: (bid + ask) / 2 };
        // One point per second: the second's last mid.
        if (prices.last()?.timeMsc === point.timeMsc) prices.replaceLast(point);
        else prices.push(point);
      } else if (event.type === 'deal.add') {
        const deal = event.deal;
        if (deal.action !== DealAction.BUY && deal.action !== DealAction.SELL) continue;
        this.history(server, deal.symbol).trades.push({
          timeMsc: deal.timeMsc,
          price: deal.price,
          side: deal.action === DealAction.BUY ? 'buy' : 'sell',
          lots: volumeToLots(deal.volume),
          login: deal.login,
          ticket: deal.ticket,
        });
      }
    }
  }

  exposure(snapshot: ExposureSnapshot, nowMsc: number): void {
    for (const row of snapshot.symbols) {
      if (row.brokerNetNotional === null) continue;
      this.history(row.server, row.symbol).exposure.push({ timeMsc: nowMsc, brokerNetNotional: row.brokerNetNotional });
    }
  }

  series(server: ServerId, symbol: string): { prices: PricePoint[]; trades: TradePoint[]; exposure: ExposurePoint[] } {
    const history = this.symbols.get(`${server}\u0000${symbol}`);
    if (!history) return { prices: [], trades: [], exposure: [] };
    return { prices: history.prices.toArray(), trades: history.trades.toArray(), exposure: history.exposure.toArray() };
  }
}
