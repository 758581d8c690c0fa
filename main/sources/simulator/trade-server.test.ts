import { describe, expect, it } from 'vitest';
import { DealEntry, OrderType, Reason, Retcode } from '../../../shared/mt5';
import { lots, tradeDesk } from './test-kit';
import { TradeRetcode } from './trade-server';

const types = (events: { type: string }[]) => events.map((e) => e.type);

describe('netting (one position per login and symbol)', () => {
  it('IN then IN grows the position at the volume-weighted average price', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\ecn-usd');
    const eurusd = desk.symbol('EURUSD');
    const first = desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(1) });
    desk.quote('EURUSD', 1.102, 1.1021);
    const second = desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(3) });
    expect(second.deal?.entry).toBe(DealEntry.IN);
    expect(second.deal?.positionId).toBe(first.position?.ticket);
    expect(second.position?.ticket).toBe(first.position?.ticket);
    expect(second.position?.volume).toBe(lots(4));
    expect(second.position?.priceOpen).toBeCloseTo((1.1001 * 1 + 1.1021 * 3) / 4, 10);
    expect(a.positions).toHaveLength(1);
    expect(types(desk.events())).toEqual([
      'deal.add',
      'position.add',
      'account.update',
      'deal.add',
      'position.update',
      'account.update',
    ]);
  });

  it('a partial OUT realises profit on the closed part and keeps ticket and open price', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\ecn-usd');
    const eurusd = desk.symbol('EURUSD');
    const opened = desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(2) });
    desk.quote('EURUSD', 1.105, 1.1051);
    const out = desk.server.execute({ login: a.login, symbol: eurusd, action: 1, volume: lots(0.5) });
    expect(out.deal).toMatchObject({ entry: DealEntry.OUT, price: 1.105, pricePosition: 1.1001, volume: lots(0.5) });
    expect(out.deal?.profit).toBe(24_500); // (1.1050 − 1.1001) × 100,000 × 0.5 = $245.00
    expect(out.deal?.commission).toBe(-175); // ecn-usd: $3.50 per lot per side, every deal
    expect(out.position).toMatchObject({ ticket: opened.position?.ticket, volume: lots(1.5), priceOpen: 1.1001 });
    const full = desk.server.execute({ login: a.login, symbol: eurusd, action: 1, volume: lots(1.5) });
    expect(full.deal?.entry).toBe(DealEntry.OUT);
    expect(full.position).toBeUndefined();
    expect(a.positions).toHaveLength(0);
    expect(desk.journal.truth.positions.size).toBe(0);
  });

  it('an opposite deal larger than the position is one INOUT that reverses it under a new ticket', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\ecn-usd');
    const eurusd = desk.symbol('EURUSD');
    const opened = desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(1) });
    desk.events();
    desk.quote('EURUSD', 1.104, 1.1041);
    const reversal = desk.server.execute({ login: a.login, symbol: eurusd, action: 1, volume: lots(3) });
    const oldTicket = opened.position?.ticket;
    expect(reversal.deal).toMatchObject({ entry: DealEntry.INOUT, volume: lots(3), positionId: oldTicket });
    expect(reversal.deal?.profit).toBe(39_000); // only the closed 1 lot: (1.1040 − 1.1001) × 100,000
    expect(reversal.deal?.commission).toBe(-1_050); // ALL: the whole 3 lots
    expect(reversal.position).toMatchObject({ action: 1, volume: lots(2), priceOpen: 1.104 });
    expect(reversal.position?.ticket).toBe(reversal.deal?.order);
    expect(reversal.position?.ticket).not.toBe(oldTicket);
    const events = desk.events();
    expect(types(events)).toEqual(['deal.add', 'position.delete', 'position.add', 'account.update']);
    expect(events[1]).toMatchObject({ ticket: oldTicket });
    expect([...desk.journal.truth.positions.keys()]).toEqual([reversal.position?.ticket]);
  });

  it('commission entry OUT charges exits only, and on a reversal only the closed volume', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\raw-eur');
    const eurusd = desk.symbol('EURUSD');
    const open = desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(1) });
    expect(open.deal?.commission).toBe(0);
    const reversal = desk.server.execute({ login: a.login, symbol: eurusd, action: 1, volume: lots(4) });
    expect(reversal.deal?.commission).toBe(-300); // €3.00 × the 1 lot closed
  });
});

describe('hedging (every IN opens its own position)', () => {
  it('each buy opens a new position; a partial close keeps the ticket', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd');
    const eurusd = desk.symbol('EURUSD');
    const one = desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(1) });
    const two = desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(1) });
    expect(one.position?.ticket).not.toBe(two.position?.ticket);
    expect(one.deal?.positionId).toBe(one.position?.ticket);
    expect(one.position?.ticket).toBe(one.deal?.order);
    desk.quote('EURUSD', 1.101, 1.1011);
    const part = desk.server.close(one.position?.ticket ?? 0, lots(0.4));
    expect(part.deal).toMatchObject({ entry: DealEntry.OUT, positionId: one.position?.ticket, volume: lots(0.4) });
    expect(part.deal?.profit).toBe(3_600); // (1.1010 − 1.1001) × 100,000 × 0.4
    expect(part.position).toMatchObject({ ticket: one.position?.ticket, volume: lots(0.6) });
    expect(a.positions).toHaveLength(2);
  });

  it('close-by makes two OUT_BY deals at the by-position price, with all the profit on the first', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd');
    const eurusd = desk.symbol('EURUSD');
    const buy = desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(2) }); // at 1.1001
    desk.quote('EURUSD', 1.103, 1.1031);
    const sell = desk.server.execute({ login: a.login, symbol: eurusd, action: 1, volume: lots(1) }); // at 1.1030
    desk.events();
    const result = desk.server.closeBy(sell.position?.ticket ?? 0, buy.position?.ticket ?? 0);
    expect(result.retcode).toBe(Retcode.REQUEST_DONE);
    const deals = desk.journal.truth.deals.filter((d) => d.entry === DealEntry.OUT_BY);
    expect(deals).toHaveLength(2);
    const [first, second] = deals;
    expect(first).toMatchObject({ positionId: sell.position?.ticket, price: 1.1001, volume: lots(1), action: 0 });
    expect(first?.profit).toBe(29_000); // the sell from 1.1030 closed at the buy's 1.1001
    expect(second).toMatchObject({ positionId: buy.position?.ticket, price: 1.1001, profit: 0, commission: 0 });
    expect(first?.order).toBe(second?.order);
    expect(result.position).toMatchObject({ ticket: buy.position?.ticket, volume: lots(1) });
    expect(types(desk.events())).toEqual([
      'deal.add',
      'deal.add',
      'position.delete',
      'position.update',
      'account.update',
    ]);
  });

  it('commission entry IN charges the opening deal only', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\vip-eur');
    const eurusd = desk.symbol('EURUSD');
    const open = desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(2) });
    expect(open.deal?.commission).toBe(-500);
    const close = desk.server.close(open.position?.ticket ?? 0);
    expect(close.deal?.commission).toBe(0);
  });

  it('a close order for a position of another side or size is refused', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd');
    const eurusd = desk.symbol('EURUSD');
    const open = desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(1) });
    const ticket = open.position?.ticket ?? 0;
    expect(
      desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(1), position: ticket }).retcode,
    ).toBe(Retcode.REQUEST_INVALID);
    expect(desk.server.close(ticket, lots(2)).retcode).toBe(TradeRetcode.INVALID_VOLUME);
    expect(desk.server.close(999).retcode).toBe(TradeRetcode.POSITION_CLOSED);
  });
});

describe('swap, profit conversion and margin', () => {
  it('swap accrues on the position and the closing deals carry it, split by volume on a partial close', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd');
    const eurusd = desk.symbol('EURUSD');
    const open = desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(2) });
    desk.events();
    desk.server.accrueSwap(1);
    expect(types(desk.events())).toEqual(['position.update']);
    const ticket = open.position?.ticket ?? 0;
    expect(desk.journal.truth.positions.get(ticket)?.swap).toBe(-1_380); // −6.9 points × $1 × 2 lots
    const balanceBefore = a.balance;
    const part = desk.server.close(ticket, lots(0.5));
    expect(part.deal?.swap).toBe(-345);
    const rest = desk.server.close(ticket);
    expect(rest.deal?.swap).toBe(-1_035);
    const paid = (part.deal?.profit ?? 0) + (rest.deal?.profit ?? 0) - 1_380;
    expect(a.balance).toBe(balanceBefore + paid);
  });

  it('profit in another currency is converted to the account currency once, at the closing quote', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\vip-eur');
    const usdjpy = desk.symbol('USDJPY');
    desk.quote('USDJPY', 150, 150.01);
    desk.quote('EURJPY', 165, 165.02);
    const open = desk.server.execute({ login: a.login, symbol: usdjpy, action: 0, volume: lots(1) });
    desk.quote('USDJPY', 151.01, 151.02);
    const close = desk.server.close(open.position?.ticket ?? 0);
    // +1.00 yen × 100,000 = ¥100,000 → EUR through the EURJPY cross, at its ask (a gain converts at the worse side)
    expect(close.deal?.profit).toBe(Math.round((100_000 / 165.02) * 100));
  });

  it('refuses an opening the free margin cannot carry', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\ecn-usd', 1_000_00, 100);
    const result = desk.server.execute({ login: a.login, symbol: desk.symbol('EURUSD'), action: 0, volume: lots(5) });
    expect(result.retcode).toBe(Retcode.REQUEST_NO_MONEY);
    expect(desk.events()).toEqual([]);
  });

  it('stop-out closes the largest losing position first, with reason SO', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd', 1_000_00, 100);
    const eurusd = desk.symbol('EURUSD');
    const big = desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(0.5) });
    const small = desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(0.3) });
    expect(desk.server.enforceStopOut(a.login)).toBe(0);
    desk.quote('EURUSD', 1.09, 1.0901); // −101 pips on 0.8 lots: equity ≈ $192 against ≈ $872 margin
    expect(desk.server.enforceStopOut(a.login)).toBe(1);
    const so = desk.journal.truth.deals.filter((d) => d.reason === Reason.SO);
    expect(so).toHaveLength(1);
    expect(so[0]?.positionId).toBe(big.position?.ticket);
    expect(so[0]?.comment).toMatch(/^\[so \d+\.\d\d%\]$/);
    expect(a.positions.map((p) => p.ticket)).toEqual([small.position?.ticket]);
  });
});

describe('pending orders', () => {
  it('a buy limit fills at market once the ask reaches it; its ticket becomes the position ticket', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd');
    const eurusd = desk.symbol('EURUSD');
    const placed = desk.server.placeOrder({
      login: a.login,
      symbol: eurusd,
      type: OrderType.BUY_LIMIT,
      volume: lots(1),
      price: 1.095,
    });
    expect(placed.retcode).toBe(TradeRetcode.PLACED);
    const ticket = placed.order?.ticket ?? 0;
    expect(desk.journal.truth.orders.get(ticket)).toMatchObject({
      type: OrderType.BUY_LIMIT,
      priceOrder: 1.095,
      state: 1,
    });
    desk.quote('EURUSD', 1.096, 1.0961);
    expect(desk.server.triggerOrders(eurusd)).toHaveLength(0);
    desk.quote('EURUSD', 1.0948, 1.0949);
    desk.events();
    const fills = desk.server.triggerOrders(eurusd);
    expect(fills).toHaveLength(1);
    expect(fills[0]?.result.deal).toMatchObject({ order: ticket, price: 1.0949, entry: DealEntry.IN });
    expect(fills[0]?.result.position?.ticket).toBe(ticket);
    expect(types(desk.events())).toEqual(['order.delete', 'deal.add', 'position.add', 'account.update']);
    expect(desk.journal.truth.orders.size).toBe(0);
  });

  it('refuses a limit on the wrong side of the market and cancels on request', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\ecn-usd');
    const eurusd = desk.symbol('EURUSD');
    const wrong = desk.server.placeOrder({
      login: a.login,
      symbol: eurusd,
      type: OrderType.SELL_LIMIT,
      volume: lots(1),
      price: 1.09,
    });
    expect(wrong.retcode).toBe(TradeRetcode.INVALID_PRICE);
    const stop = desk.server.placeOrder({
      login: a.login,
      symbol: eurusd,
      type: OrderType.SELL_STOP,
      volume: lots(1),
      price: 1.09,
    });
    desk.events();
    expect(desk.server.cancelOrder(stop.order?.ticket ?? 0)).toBe(Retcode.REQUEST_DONE);
    expect(types(desk.events())).toEqual(['order.delete']);
  });
});
