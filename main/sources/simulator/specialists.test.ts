/**
 * The specialists do what their names say, measured on the stream alone (as the desk sees it):
 * arbitrageurs open just before the server's price jumps their way, news traders open around the
 * start of volatile spells, martingale players double into losing positions, sharp winners win
 * big and seldom. And the market running ahead of the feed changes no published price.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Deal, Tick } from '../../../shared/domain';
import type { SyncEvent } from '../../../shared/events';
import { DealEntry } from '../../../shared/mt5';
import type { Behaviour } from './population';
import { Simulator } from './simulator';

const CONFIG = {
  seed: 5,
  clients: 300,
  initialPositions: 600,
  behaviourShares: { latencyArbitrage: 0.05, news: 0.05, martingale: 0.05, sharpWinner: 0.05 },
};
const EVENTS = 400_000;

interface Session {
  sim: Simulator;
  behaviours: Map<number, Behaviour>;
  deals: Deal[];
  ticksBySymbol: Map<string, Tick[]>;
}

function run(): Session {
  const sim = new Simulator(CONFIG);
  const deals: Deal[] = [];
  const ticksBySymbol = new Map<string, Tick[]>();
  let n = 0;
  while (n < EVENTS) {
    const batch: SyncEvent[] = sim.next(10_000);
    n += batch.length;
    for (const e of batch) {
      if (e.type === 'deal.add' && e.deal.symbol !== '') deals.push(e.deal);
      else if (e.type === 'tick') {
        const list = ticksBySymbol.get(e.tick.symbol) ?? [];
        list.push(e.tick);
        ticksBySymbol.set(e.tick.symbol, list);
      }
    }
  }
  return { sim, behaviours: sim.behaviours(), deals, ticksBySymbol };
}

/** Index of the first tick at or after `timeMsc` (ticks are in time order). */
function firstFrom(ticks: readonly Tick[], timeMsc: number): number {
  let lo = 0;
  let hi = ticks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ticks[mid] as Tick).timeMsc < timeMsc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const share = (list: readonly boolean[]): number => list.filter(Boolean).length / Math.max(1, list.length);

describe('specialist clients', () => {
  let s: Session;
  const opens = (b: Behaviour) => s.deals.filter((d) => d.entry === DealEntry.IN && s.behaviours.get(d.login) === b);

  beforeAll(() => {
    s = run();
  });

  it('latency arbitrageurs open just before the published price jumps past their deal, and close within seconds in profit', () => {
    // Within a second the server publishes a price at which the deal is already in profit.
    const ranAhead = (d: Deal) => {
      const ticks = s.ticksBySymbol.get(d.symbol) ?? [];
      for (let k = firstFrom(ticks, d.timeMsc); k < ticks.length; k++) {
        const t = ticks[k] as Tick;
        if (t.timeMsc > d.timeMsc + 1_000) return false;
        if (d.action === 0 ? t.bid > d.price : t.ask < d.price) return true;
      }
      return false;
    };
    const arbs = opens('latency-arb');
    expect(arbs.length).toBeGreaterThan(200);
    expect(share(arbs.map(ranAhead))).toBeGreaterThan(0.85);
    expect(share(opens('ordinary').map(ranAhead))).toBeLessThan(0.3);

    const openedAt = new Map(arbs.map((d) => [d.positionId, d.timeMsc]));
    const closes = s.deals.filter((d) => d.entry === DealEntry.OUT && openedAt.has(d.positionId));
    expect(share(closes.map((d) => d.timeMsc - (openedAt.get(d.positionId) as number) < 30_000))).toBeGreaterThan(0.9);
    expect(share(closes.map((d) => d.profit > 0))).toBeGreaterThan(0.8);
  });

  it('news traders open in the seconds around the start of a volatile spell (the spread widens)', () => {
    const calmSpread = (symbol: string) => {
      const info = s.sim.catalog.symbol(symbol);
      return info === undefined ? 0 : info.spreadPoints / info.scale;
    };
    const nearSpellStart = (d: Deal) => {
      const ticks = s.ticksBySymbol.get(d.symbol) ?? [];
      const calm = calmSpread(d.symbol) * 1.2;
      for (let k = Math.max(1, firstFrom(ticks, d.timeMsc - 5_000)); k < ticks.length; k++) {
        const t = ticks[k] as Tick;
        if (t.timeMsc > d.timeMsc + 5_000) return false;
        const before = ticks[k - 1] as Tick;
        if (t.ask - t.bid > calm && before.ask - before.bid <= calm) return true;
      }
      return false;
    };
    const news = opens('news');
    expect(news.length).toBeGreaterThan(100);
    expect(share(news.map(nearSpellStart))).toBeGreaterThan(0.8);
    expect(share(opens('ordinary').map(nearSpellStart))).toBeLessThan(0.35);
  });

  it('martingale players double into a losing side', () => {
    const last = new Map<string, Deal>();
    const averaging: number[] = [];
    for (const d of opens('martingale')) {
      const key = `${d.login}:${d.symbol}:${d.action}`;
      const before = last.get(key);
      const worse = before !== undefined && (d.action === 0 ? d.price < before.price : d.price > before.price);
      if (before !== undefined && worse && d.timeMsc - before.timeMsc < 3_600_000)
        averaging.push(d.volume / before.volume);
      last.set(key, d);
    }
    expect(averaging.length).toBeGreaterThan(50);
    expect(share(averaging.map((ratio) => ratio === 2))).toBeGreaterThan(0.8);
  });

  it('sharp winners trade seldom and win large', () => {
    const logins = [...s.behaviours].filter(([, b]) => b === 'sharp-winner').map(([login]) => login);
    const own = new Set(opens('sharp-winner').map((d) => d.positionId));
    const closes = s.deals.filter((d) => d.entry === DealEntry.OUT && own.has(d.positionId));
    const returns = closes.map(
      (d) => (((d.action === 1 ? 1 : -1) * (d.price - d.pricePosition)) / d.pricePosition) * 10_000,
    );
    expect(closes.length).toBeGreaterThan(50);
    expect(share(closes.map((d) => d.profit > 0))).toBeGreaterThan(0.85);
    expect(returns.reduce((a, b) => a + b, 0) / returns.length).toBeGreaterThan(15);
    const perScalper = opens('scalper').length / [...s.behaviours.values()].filter((b) => b === 'scalper').length;
    expect(closes.length / logins.length).toBeLessThan(perScalper / 3);
  });
});

describe('the market running ahead of the feed', () => {
  const prices = (sim: Simulator, ticks: number) => {
    const out: string[] = [];
    while (out.length < ticks) {
      for (const e of sim.next(5_000)) if (e.type === 'tick') out.push(`${e.tick.symbol} ${e.tick.bid} ${e.tick.ask}`);
    }
    return out.slice(0, ticks);
  };

  it('publishes the same prices in the same order however far ahead it runs', () => {
    const near = prices(new Simulator({ ...CONFIG, foresightMs: 5_000 }), 40_000);
    const far = prices(new Simulator({ ...CONFIG, foresightMs: 300_000 }), 40_000);
    expect(near).toEqual(far);
  });
});
