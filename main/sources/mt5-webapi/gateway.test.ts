import { describe, expect, it } from 'vitest';
import { DealAction } from '../../../shared/mt5';
import { FakeBroker } from './fake-broker';
import { centsToDecimal, WebApiGateway } from './gateway';
import { FakeWebApi, fakeConnection, fixture, type Query } from './test-kit';

function gatewayOn(api: FakeWebApi): WebApiGateway {
  const { connection } = fakeConnection(api);
  return new WebApiGateway({ server: 'live-1', connection, serverTimeMsc: () => 1_700_000_100_000 });
}

describe('WebApiGateway', () => {
  it('sends a balance operation with the exact decimal amount and the margin check, and returns the deal ticket', async () => {
    const sent: Query[] = [];
    const api = new FakeWebApi().on('trade/balance', (q) => {
      sent.push(q);
      return fixture('balance-done');
    });
    const gateway = gatewayOn(api);
    await expect(gateway.balance(764636, DealAction.BALANCE, 150_025, 'K7QX2-12 wire')).resolves.toEqual({
      retcode: 0,
      dealTicket: 136623,
    });
    await gateway.balance(764636, DealAction.CORRECTION, -1, 'K7QX2-13');
    expect(sent[0]).toEqual({
      login: '764636',
      type: '2',
      balance: '1500.25',
      comment: 'K7QX2-12 wire',
      check_margin: '1',
    });
    expect(sent[1]).toMatchObject({ type: '5', balance: '-0.01', check_margin: '0' });
  });

  it('passes a refusal through as its retcode (10019 no money) and refuses a non-balance action itself', async () => {
    const api = new FakeWebApi().on('trade/balance', fixture('balance-no-money'));
    const gateway = gatewayOn(api);
    await expect(gateway.balance(764636, DealAction.BALANCE, -100, 'x')).resolves.toEqual({ retcode: 10019 });
    await expect(gateway.balance(764636, DealAction.BUY, 100, 'x')).resolves.toEqual({ retcode: 3 });
    expect(api.commands().filter((c) => c === 'trade/balance')).toHaveLength(1);
  });

  it('never resends a balance operation whose reply was lost', async () => {
    let n = 0;
    const api = new FakeWebApi().on('trade/balance', () => {
      n++;
      return { status: 502, body: 'bad gateway' };
    });
    await expect(gatewayOn(api).balance(764636, DealAction.BALANCE, 100, 'K1')).rejects.toThrow('HTTP 502');
    expect(n).toBe(1);
  });

  it('updates group, leverage and rights through user/update', async () => {
    const sent: Query[] = [];
    const api = new FakeWebApi().on('user/update', (q) => {
      sent.push(q);
      return '{"retcode":"0 Done","answer":{}}';
    });
    await expect(gatewayOn(api).updateUser(764636, { group: 'real\\a-book\\std-usd', leverage: 50 })).resolves.toEqual({
      retcode: 0,
    });
    expect(sent[0]).toEqual({ login: '764636', group: 'real\\a-book\\std-usd', leverage: '50' });
  });

  it('finds a balance deal by the exact transaction id token: 12 is not 123', async () => {
    const broker = new FakeBroker();
    const deal = broker.deals[0] as Record<string, unknown>;
    broker.deals = [{ ...deal, Deal: '9001', Comment: 'K7QX2-123 wire' }];
    const gateway = gatewayOn(broker);
    await expect(gateway.findBalanceDeal(764636, 'K7QX2-12')).resolves.toBeUndefined();
    await expect(gateway.findBalanceDeal(764636, 'K7QX2-123')).resolves.toEqual({ dealTicket: 9001 });
    const window = broker.calls.find((c) => c.path === '/api/deal/get_batch')?.query;
    expect(window).toMatchObject({ login: '764636' });
    expect(Number(window?.to)).toBeGreaterThan(1_700_000_100);
  });

  it("looks back from the server's own clock when it runs far behind the desk's (a simulator in 2025)", async () => {
    const broker = new FakeBroker();
    const { connection } = fakeConnection(broker);
    const gateway = new WebApiGateway({
      server: 'live-1',
      connection,
      serverTimeMsc: () => 1_700_000_100_000,
      now: () => 1_800_000_000_000,
    });
    await expect(gateway.findBalanceDeal(764636, 'K7QX2-12')).resolves.toEqual({ dealTicket: 136620 });
    const window = broker.calls.find((c) => c.path === '/api/deal/get_batch')?.query;
    expect(Number(window?.from)).toBeLessThan(1_700_000_000);
    expect(Number(window?.to)).toBeGreaterThan(1_800_000_000);
  });

  it('writes cents as exact decimals', () => {
    expect(centsToDecimal(150_025)).toBe('1500.25');
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(100_000_000_000)).toBe('1000000000.00');
    expect(() => centsToDecimal(1.5)).toThrow();
  });
});
