import { describe, expect, it } from 'vitest';
import type { Deal } from '../../shared/domain';
import type { SyncEvent } from '../../shared/events';
import { DealAction } from '../../shared/mt5';
import { lotsToVolume } from '../../shared/units';
import { ChartHistory } from './chart-history';

const tick = (timeMsc: number, bid: number): SyncEvent => ({
  type: 'tick',
  server: 's',
  seq: timeMsc,
  tick: { symbol: 'EURUSD', timeMsc, bid, ask: bid + 0.0002 },
});
const deal = (ticket: number, action: number, symbol = 'EURUSD'): SyncEvent => ({
  type: 'deal.add',
  server: 's',
  seq: ticket,
  deal: {
    ticket,
    login: 7,
    timeMsc: 5_000,
    action,
    entry: 0,
    symbol,
    volume: lotsToVolume(0.5),
    price: 1.1,
    pricePosition: 0,
    profit: action === DealAction.BALANCE ? 100_000 : 0,
    commission: 0,
    swap: 0,
    positionId: ticket,
    order: ticket,
    reason: 0,
    contractSize: 100_000,
    comment: '',
  } satisfies Deal,
});

describe('ChartHistory', () => {
  it('keeps one mid per second (the second’s last) and the desk’s trades, not its balance deals', () => {
    const charts = new ChartHistory();
    charts.applied('s', [tick(1_000, 1.1), tick(1_400, 1.2), tick(2_100, 1.3), deal(1, DealAction.BUY)]);
    charts.applied('s', [deal(2, DealAction.BALANCE, ''), deal(3, DealAction.SELL)]);
    const { prices, trades } = charts.series('s', 'EURUSD');
    expect(prices).toEqual([
      { timeMsc: 1_000, price: 1.2001 },
      { timeMsc: 2_000, price: 1.3001 },
    ]);
    expect(trades.map((t) => [t.ticket, t.side, t.lots])).toEqual([
      [1, 'buy', 0.5],
      [3, 'sell', 0.5],
    ]);
    expect(charts.series('s', 'GBPUSD')).toEqual({ prices: [], trades: [], exposure: [] });
  });

  it('keeps only the newest points once full, oldest first', () => {
    const charts = new ChartHistory();
    for (let second = 0; second < 2_000; second++) charts.applied('s', [tick(second * 1_000, 1 + second / 1e4)]);
    const { prices } = charts.series('s', 'EURUSD');
    expect(prices).toHaveLength(1_800);
    expect(prices[0]?.timeMsc).toBe(200_000);
    expect(prices.at(-1)?.timeMsc).toBe(1_999_000);
  });
});
