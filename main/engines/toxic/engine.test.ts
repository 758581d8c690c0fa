/**
 * Deals and ticks in, closed trades and profiles out: netting and hedging, partial closes,
 * reversals and close-by, what the broker's feed did around an open, linked accounts, and memory
 * that stays bounded however long the stream runs.
 */
import { describe, expect, it } from 'vitest';
import type { Deal, Tick } from '../../../shared/domain';
import { DealAction, DealEntry } from '../../../shared/mt5';
import { lotsToVolume } from '../../../shared/units';
import { ToxicFlowEngine } from './engine';
import { deal, settings, T0 } from './testing';

const OUT = DealEntry.OUT;
const lots = lotsToVolume;

function quote(symbol: string, timeMsc: number, bid: number, spread = 0.0001): Tick {
  return { symbol, timeMsc, bid, ask: bid + spread };
}

/** A symbol's feed on a clock of its own: each tick comes `afterMs` after the one before. */
function ticker(e: ToxicFlowEngine, symbol: string) {
  const clock = {
    now: T0,
    tick(afterMs: number, bid: number, spread = 0.0001): number {
      clock.now += afterMs;
      e.onTick('s', quote(symbol, clock.now, bid, spread));
      return clock.now;
    },
  };
  return clock;
}

/** A hedging round trip: open `ticket`, close it `holdMs` later with `profit`. */
function roundTrip(
  e: ToxicFlowEngine,
  ticket: number,
  at: number,
  holdMs: number,
  profit: number,
  extra: Partial<Deal> = {},
) {
  e.onDeal('s', deal({ ticket, positionId: ticket, timeMsc: at, ...extra }));
  e.onDeal(
    's',
    deal({
      ticket: ticket + 500_000,
      entry: OUT,
      action: extra.action === DealAction.SELL ? DealAction.BUY : DealAction.SELL,
      positionId: ticket,
      timeMsc: at + holdMs,
      pricePosition: 1.1,
      price: 1.1 + profit / 1e7,
      profit,
      login: extra.login ?? 1001,
      symbol: extra.symbol ?? 'EURUSD',
    }),
  );
}

describe('closed trades from deals', () => {
  it('hedging: an IN and its OUT make one trade; the entry commission rides with it', () => {
    const e = new ToxicFlowEngine();
    e.onDeal('s', deal({ ticket: 10, positionId: 10, timeMsc: T0, commission: -350 }));
    e.onDeal(
      's',
      deal({
        ticket: 11,
        entry: OUT,
        action: 1,
        positionId: 10,
        timeMsc: T0 + 4_000,
        price: 1.1012,
        pricePosition: 1.1,
        profit: 120_00,
        commission: -350,
        swap: -5,
      }),
    );
    const [t, ...rest] = e.closedTrades('s', 1001);
    expect(rest).toEqual([]);
    expect(t).toMatchObject({
      positionId: 10,
      side: 0,
      openTimeMsc: T0,
      closeTimeMsc: T0 + 4_000,
      volume: lots(1),
      openPrice: 1.1,
      closePrice: 1.1012,
      profit: 120_00,
      swap: -5,
      commission: -700,
    });
    expect(e.stats).toEqual({ accounts: 1, openPositions: 0, unmatchedCloses: 0 });
  });

  it('a partial close is a trade for its volume; the rest closes later as another', () => {
    const e = new ToxicFlowEngine();
    e.onDeal('s', deal({ ticket: 20, positionId: 20, volume: lots(2), commission: -700 }));
    e.onDeal(
      's',
      deal({
        ticket: 21,
        entry: OUT,
        action: 1,
        positionId: 20,
        volume: lots(0.5),
        timeMsc: T0 + 1_000,
        pricePosition: 1.1,
        profit: 10_00,
      }),
    );
    e.onDeal(
      's',
      deal({
        ticket: 22,
        entry: OUT,
        action: 1,
        positionId: 20,
        volume: lots(1.5),
        timeMsc: T0 + 9_000,
        pricePosition: 1.1,
        profit: -30_00,
      }),
    );
    const trades = e.closedTrades('s', 1001);
    expect(trades.map((t) => [t.volume, t.profit, t.commission, t.closeTimeMsc - t.openTimeMsc])).toEqual([
      [lots(0.5), 10_00, -175, 1_000],
      [lots(1.5), -30_00, -525, 9_000],
    ]);
    expect(e.stats.openPositions).toBe(0);
  });

  it('netting: adds, a reduction, then a reversal that closes the rest and opens the other way under the order ticket', () => {
    const e = new ToxicFlowEngine();
    e.onDeal('s', deal({ ticket: 30, positionId: 30, order: 30, volume: lots(1), price: 1.1 }));
    e.onDeal('s', deal({ ticket: 31, positionId: 30, order: 31, volume: lots(1), price: 1.102, timeMsc: T0 + 1_000 }));
    e.onDeal(
      's',
      deal({
        ticket: 32,
        entry: OUT,
        action: 1,
        positionId: 30,
        order: 32,
        volume: lots(0.5),
        timeMsc: T0 + 2_000,
        pricePosition: 1.101,
        profit: 5_00,
      }),
    );
    // 1.5 lots left; a 2.5-lot sell closes them and opens 1 lot short as position 33.
    e.onDeal(
      's',
      deal({
        ticket: 33,
        entry: DealEntry.INOUT,
        action: 1,
        positionId: 30,
        order: 33,
        volume: lots(2.5),
        price: 1.103,
        pricePosition: 1.101,
        timeMsc: T0 + 3_000,
        profit: 30_00,
        commission: -500,
      }),
    );
    e.onDeal(
      's',
      deal({
        ticket: 34,
        entry: OUT,
        action: 0,
        positionId: 33,
        order: 34,
        volume: lots(1),
        price: 1.102,
        pricePosition: 1.103,
        timeMsc: T0 + 7_000,
        profit: 10_00,
      }),
    );
    const trades = e.closedTrades('s', 1001);
    expect(trades.map((t) => [t.positionId, t.side, t.volume, t.profit, t.commission, t.openTimeMsc])).toEqual([
      [30, 0, lots(0.5), 5_00, 0, T0],
      [30, 0, lots(1.5), 30_00, -300, T0],
      [33, 1, lots(1), 10_00, -200, T0 + 3_000],
    ]);
    expect(e.stats.openPositions).toBe(0);
  });

  it('close-by: both legs are trades, the profit on the first only, as booked', () => {
    const e = new ToxicFlowEngine();
    e.onDeal('s', deal({ ticket: 40, positionId: 40, action: 0 }));
    e.onDeal('s', deal({ ticket: 41, positionId: 41, action: 1, timeMsc: T0 + 1_000 }));
    const by = { entry: DealEntry.OUT_BY, order: 42, timeMsc: T0 + 5_000, price: 1.1 };
    e.onDeal('s', deal({ ...by, ticket: 43, action: 1, positionId: 40, pricePosition: 1.1, profit: 7_00 }));
    e.onDeal('s', deal({ ...by, ticket: 44, action: 0, positionId: 41, pricePosition: 1.1, profit: 0 }));
    expect(e.closedTrades('s', 1001).map((t) => [t.positionId, t.profit])).toEqual([
      [40, 7_00],
      [41, 0],
    ]);
  });

  it('ignores balance deals, and counts closes of positions it never saw open without making trades of them', () => {
    const e = new ToxicFlowEngine();
    e.onDeal('s', deal({ ticket: 50, action: DealAction.BALANCE, symbol: '', volume: 0, profit: 1_000_00 }));
    e.onDeal('s', deal({ ticket: 51, entry: OUT, action: 1, positionId: 999 }));
    e.onDeal('s', deal({ ticket: 52, entry: DealEntry.INOUT, action: 1, positionId: 998 }));
    expect(e.accounts()).toEqual([]);
    expect(e.stats.unmatchedCloses).toBe(2);
    expect(e.profile('s', 1001)).toBeNull();
  });

  it('takes the same SyncEvents the cache applied', () => {
    const e = new ToxicFlowEngine();
    e.apply({ type: 'tick', server: 's', seq: 1, tick: quote('EURUSD', T0 - 10, 1.1) });
    e.apply({ type: 'deal.add', server: 's', seq: 2, deal: deal({ ticket: 60 }) });
    e.apply({
      type: 'deal.add',
      server: 's',
      seq: 3,
      deal: deal({ ticket: 61, entry: OUT, action: 1, positionId: 60, timeMsc: T0 + 1 }),
    });
    e.apply({ type: 'position.delete', server: 's', seq: 4, version: 4, ticket: 60, login: 1001 });
    expect(e.closedTrades('s', 1001)).toHaveLength(1);
    expect(e.takeChanged()).toEqual([{ server: 's', login: 1001 }]);
    expect(e.takeChanged()).toEqual([]);
  });
});

describe("what the broker's feed did around an open", () => {
  it('measures the best move its way within the window, in spreads of the quote at the open', () => {
    const e = new ToxicFlowEngine();
    e.onTick('s', quote('EURUSD', T0 - 100, 1.1));
    e.onDeal('s', deal({ ticket: 70, timeMsc: T0, action: 0 }));
    e.onDeal('s', deal({ ticket: 71, timeMsc: T0, action: 1, login: 1002 }));
    e.onTick('s', quote('EURUSD', T0 + 300, 1.10025)); // +2.5 spreads at 300 ms
    e.onTick('s', quote('EURUSD', T0 + 1_000, 1.1001)); // back to +1 at the window's end
    e.onTick('s', quote('EURUSD', T0 + 1_001, 1.1008)); // +8 just after: outside the window
    roundTripClose(e, 70, 1001, T0 + 2_000);
    roundTripClose(e, 71, 1002, T0 + 2_000);
    const [buy] = e.closedTrades('s', 1001);
    const [sell] = e.closedTrades('s', 1002);
    expect(buy?.moveAfterOpen).toBeCloseTo(2.5);
    expect(sell?.moveAfterOpen).toBe(0);
  });

  it('knows nothing of the move when it had no quote of the symbol at the open', () => {
    const e = new ToxicFlowEngine();
    e.onDeal('s', deal({ ticket: 72, timeMsc: T0 }));
    e.onTick('s', quote('EURUSD', T0 + 100, 1.2));
    roundTripClose(e, 72, 1001, T0 + 500);
    expect(e.closedTrades('s', 1001)[0]?.moveAfterOpen).toBeNull();
  });

  it('finds a spike start from the spread widening, and times opens before and after it', () => {
    const e = new ToxicFlowEngine({ settings: settings({ news: { baselineTicks: 50 } }) });
    const gbp = ticker(e, 'GBPUSD');
    for (let k = 0; k < 100; k++) gbp.tick(250, 1.3 + (k % 2) * 0.00001);
    const firstOpen = gbp.now + 100;
    e.onDeal('s', deal({ ticket: 80, symbol: 'GBPUSD', timeMsc: firstOpen }));
    const spikeAt = gbp.tick(3_000, 1.3, 0.0003); // the spread triples: a spike starts
    gbp.tick(200, 1.3002, 0.0003);
    e.onDeal('s', deal({ ticket: 81, symbol: 'GBPUSD', timeMsc: gbp.now + 1_500 }));
    e.onDeal('s', deal({ ticket: 82, symbol: 'GBPUSD', timeMsc: gbp.now + 9_000 }));
    for (const ticket of [80, 81, 82]) roundTripClose(e, ticket, 1001, gbp.now + 60_000, 'GBPUSD');
    const [before, after, late] = e.closedTrades('s', 1001);
    expect(before?.untilSpikeMs).toBe(spikeAt - firstOpen);
    expect(after?.sinceSpikeMs).toBe(200 + 1_500);
    expect(late?.sinceSpikeMs).toBe(200 + 9_000);
    expect(before?.sinceSpikeMs).toBeNull();
  });

  it('does not call a spike before it has a baseline, nor twice during one', () => {
    const e = new ToxicFlowEngine({ settings: settings({ news: { baselineTicks: 50, calmTicks: 3 } }) });
    const gold = ticker(e, 'XAUUSD');
    gold.tick(100, 2350, 0.25);
    gold.tick(100, 2350, 1); // wide, but no baseline yet
    e.onDeal('s', deal({ ticket: 90, symbol: 'XAUUSD', timeMsc: gold.now + 1 }));
    for (let k = 0; k < 40; k++) gold.tick(100, 2350, 0.25);
    const first = gold.tick(100, 2350, 1);
    for (let k = 0; k < 4; k++) gold.tick(100, 2350, 1);
    gold.tick(100, 2350, 0.25); // one calm tick does not end it
    gold.tick(100, 2350, 1);
    e.onDeal('s', deal({ ticket: 91, symbol: 'XAUUSD', timeMsc: gold.now }));
    roundTripClose(e, 90, 1001, gold.now + 1, 'XAUUSD');
    roundTripClose(e, 91, 1001, gold.now + 1, 'XAUUSD');
    const [early, during] = e.closedTrades('s', 1001);
    expect(early?.sinceSpikeMs).toBeNull();
    expect(during?.sinceSpikeMs).toBe(gold.now - first);
  });
});

describe('martingale evidence', () => {
  it('hedging: a same-side entry under the last one records its volume ratio; a better price does not', () => {
    const e = new ToxicFlowEngine();
    e.onDeal('s', deal({ ticket: 100, volume: lots(1), price: 1.1 }));
    e.onDeal('s', deal({ ticket: 101, volume: lots(2), price: 1.099, timeMsc: T0 + 1_000 }));
    e.onDeal('s', deal({ ticket: 102, volume: lots(4), price: 1.098, timeMsc: T0 + 2_000 }));
    e.onDeal('s', deal({ ticket: 103, volume: lots(8), price: 1.1, timeMsc: T0 + 3_000 })); // above the last: no
    e.onDeal('s', deal({ ticket: 104, volume: lots(3), action: 1, price: 1.09, timeMsc: T0 + 3_000 })); // other side
    for (const ticket of [100, 101, 102, 103]) roundTripClose(e, ticket, 1001, T0 + 10_000);
    roundTripClose(e, 104, 1001, T0 + 10_000, 'EURUSD', 0);
    expect(e.closedTrades('s', 1001).map((t) => t.averagingRatios)).toEqual([[], [2], [2], [], []]);
  });

  it('netting: an add below the last entry is averaging; the first part closed carries it', () => {
    const e = new ToxicFlowEngine();
    e.onDeal('s', deal({ ticket: 110, positionId: 110, volume: lots(1), price: 1.1 }));
    e.onDeal('s', deal({ ticket: 111, positionId: 110, volume: lots(2), price: 1.099, timeMsc: T0 + 1_000 }));
    e.onDeal(
      's',
      deal({
        ticket: 112,
        entry: OUT,
        action: 1,
        positionId: 110,
        volume: lots(1),
        timeMsc: T0 + 2_000,
        pricePosition: 1.0993,
      }),
    );
    e.onDeal(
      's',
      deal({
        ticket: 113,
        entry: OUT,
        action: 1,
        positionId: 110,
        volume: lots(2),
        timeMsc: T0 + 3_000,
        pricePosition: 1.0993,
      }),
    );
    expect(e.closedTrades('s', 1001).map((t) => t.averagingRatios)).toEqual([[2], []]);
  });

  it('a first entry after a loss in the same symbol compares with the volume that position opened with', () => {
    const e = new ToxicFlowEngine();
    roundTrip(e, 120, T0, 1_000, -50_00, { volume: lots(1) });
    e.onDeal('s', deal({ ticket: 121, volume: lots(2), timeMsc: T0 + 2_000 }));
    e.onDeal('s', deal({ ticket: 122, volume: lots(1), symbol: 'GBPUSD', timeMsc: T0 + 2_000 }));
    roundTripClose(e, 121, 1001, T0 + 3_000);
    roundTripClose(e, 122, 1001, T0 + 3_000, 'GBPUSD');
    // After a win, no chance at all.
    e.onDeal('s', deal({ ticket: 123, volume: lots(5), timeMsc: T0 + 4_000 }));
    roundTripClose(e, 123, 1001, T0 + 5_000);
    const ratios = e.closedTrades('s', 1001).map((t) => [t.symbol, t.afterLossRatio]);
    expect(ratios).toEqual([
      ['EURUSD', null],
      ['EURUSD', 2],
      ['GBPUSD', null],
      ['EURUSD', null],
    ]);
  });
});

describe('linked accounts', () => {
  const clients = new Map([
    [1001, 'C1'],
    [1002, 'C1'],
    [1003, 'C2'],
  ]);
  const engine = () => new ToxicFlowEngine({ clientOf: (_server, login) => clients.get(login) ?? null });

  it("finds a linked account's opposite position held over the trade, open or closed", () => {
    const e = engine();
    e.onDeal('s', deal({ ticket: 200, login: 1001, action: 0, timeMsc: T0 }));
    e.onDeal('s', deal({ ticket: 201, login: 1002, action: 1, timeMsc: T0 + 2_500 }));
    roundTripClose(e, 200, 1001, T0 + 10_000); // the other side held 75 % of this trade's life, still open
    roundTripClose(e, 201, 1002, T0 + 12_500, 'EURUSD', 0); // and the first trade, closed, covered 7.5 s of its 10
    expect(e.closedTrades('s', 1001)[0]?.hedge).toEqual({ server: 's', login: 1002, positionId: 201, overlap: 0.75 });
    expect(e.closedTrades('s', 1002)[0]?.hedge).toEqual({ server: 's', login: 1001, positionId: 200, overlap: 0.75 });
  });

  it('ignores the same side, another symbol, another client and an account without a client', () => {
    const e = engine();
    e.onDeal('s', deal({ ticket: 210, login: 1001, action: 0 }));
    e.onDeal('s', deal({ ticket: 211, login: 1002, action: 0 }));
    e.onDeal('s', deal({ ticket: 212, login: 1002, action: 1, symbol: 'GBPUSD' }));
    e.onDeal('s', deal({ ticket: 213, login: 1003, action: 1 }));
    e.onDeal('s', deal({ ticket: 214, login: 1004, action: 1 }));
    roundTripClose(e, 210, 1001, T0 + 1_000);
    expect(e.closedTrades('s', 1001)[0]?.hedge).toBeNull();
    expect(new ToxicFlowEngine().profile('s', 1001)).toBeNull();
  });
});

describe('profiles', () => {
  it('recommends the A-book for a latency arbitrageur, with evidence and what each book made of it', () => {
    const e = new ToxicFlowEngine({ settings: settings({ routing: { aBookMarkupPerLot: 300 } }) });
    const eur = ticker(e, 'EURUSD');
    for (let k = 0; k < 12; k++) {
      const t = eur.tick(10_000, 1.1);
      e.onDeal('s', deal({ ticket: 300 + k, timeMsc: t, commission: -100 }));
      eur.tick(200, 1.1003);
      roundTripClose(e, 300 + k, 1001, t + 1_000, 'EURUSD', 1, 25_00);
    }
    const p = e.profile('s', 1001);
    expect(p?.recommendation).toBe('A');
    expect(p?.reason).toMatch(/^A-book: latency arbitrage; consistently profitable/);
    const arb = p?.scores.find((s) => s.detector === 'latency-arb');
    expect(arb).toMatchObject({ flagged: true, toxic: true, score: 1, value: 1 });
    expect(arb?.evidence).toHaveLength(12);
    expect(arb?.evidence[0]).toMatchObject({ positionId: 311, lots: 1, profit: 25_00 - 100 });
    // The B-book paid the client's 12 × $24; the A-book would have kept 12 × ($1 commission + $3 markup).
    expect(p?.counterfactual).toEqual({ bBook: -12 * 24_00, aBook: 12 * 4_00 });
    expect(p?.overallScore).toBe(1);
    expect(p?.metrics).toMatchObject({ trades: 12, winRate: 1, shortHoldShare: 1, movedAfterOpenShare: 1, lots: 12 });
  });

  it('keeps a losing scalper in the B-book, and says nothing before the minimum of trades', () => {
    const e = new ToxicFlowEngine();
    for (let k = 0; k < 9; k++) roundTrip(e, 400 + k, T0 + k * 60_000, 15_000, k % 3 === 0 ? 5_00 : -8_00);
    expect(e.profile('s', 1001)?.reason).toBe('B-book: not judged yet (9 of 10 closed trades).');
    roundTrip(e, 409, T0 + 9 * 60_000, 15_000, -8_00);
    const p = e.profile('s', 1001);
    expect(p?.recommendation).toBe('B');
    expect(p?.reason).toMatch(/flagged for scalping/);
    expect(p?.scores.find((s) => s.detector === 'scalping')).toMatchObject({ flagged: true, toxic: false });
    expect(p?.counterfactual.bBook).toBe(-(3 * 5_00 - 7 * 8_00));
  });

  it('new settings re-judge every window', () => {
    const e = new ToxicFlowEngine();
    for (let k = 0; k < 10; k++) roundTrip(e, 500 + k, T0 + k * 60_000, 90_000, -1_00);
    expect(e.verdicts('s', 1001).get('scalping')?.flagged).toBe(false);
    e.takeChanged();
    e.updateSettings(settings({ scalping: { shortHoldMs: 120_000 } }));
    expect(e.verdicts('s', 1001).get('scalping')?.flagged).toBe(true);
    expect(e.takeChanged()).toEqual([{ server: 's', login: 1001 }]);
  });
});

describe('bounded memory', () => {
  it('keeps the last N trades per account, no closed positions, and only the last seconds of opens per symbol', () => {
    const e = new ToxicFlowEngine({ settings: settings({ windowTrades: 25 }) });
    const eur = ticker(e, 'EURUSD');
    for (let k = 0; k < 2_000; k++) roundTrip(e, 1_000 + k, eur.tick(1_000, 1.1), 500, k % 2 === 0 ? 1_00 : -1_00);
    const trades = e.closedTrades('s', 1001);
    expect(trades).toHaveLength(25);
    expect(trades[24]?.positionId).toBe(2_999);
    expect(e.stats.openPositions).toBe(0);
    // Internal, on purpose: the per-symbol list of watched opens must not grow with the stream.
    const feed = (e as unknown as { servers: Map<string, { feeds: Map<string, { watched: unknown[] }> }> }).servers
      .get('s')
      ?.feeds.get('EURUSD');
    expect(feed?.watched.length).toBeLessThan(200);
  });
});

/** Closes `ticket` (a one-lot position of `login`) at `at`. */
function roundTripClose(
  e: ToxicFlowEngine,
  ticket: number,
  login: number,
  at: number,
  symbol = 'EURUSD',
  closingAction = 1,
  profit = 0,
) {
  e.onDeal(
    's',
    deal({
      ticket: ticket + 900_000,
      entry: OUT,
      action: closingAction,
      positionId: ticket,
      login,
      symbol,
      timeMsc: at,
      pricePosition: 1.1,
      price: 1.1,
      profit,
    }),
  );
}
