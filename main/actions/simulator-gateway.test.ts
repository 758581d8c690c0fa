import { describe, expect, it, vi } from 'vitest';
import { DealAction, Retcode } from '../../shared/mt5';
import type { OperationTap } from '../sources/simulator/dealer-operations';
import { Simulator } from '../sources/simulator/simulator';
import { SimulatorGateway } from './simulator-gateway';

function simulated(eventDelayMs = 0) {
  const simulator = new Simulator({
    seed: 9,
    server: 'gw',
    clients: 10,
    initialPositions: 10,
    moneyOperationsPerSecond: 0,
  });
  simulator.advanceTo(simulator.nowMsc + 6_000);
  let delivered = 0;
  const gateway = new SimulatorGateway(
    'gw',
    () => simulator,
    () => {
      delivered += simulator.flush().length;
    },
    eventDelayMs,
  );
  const [login] = [...simulator.truth().accounts.keys()] as [number];
  return { simulator, gateway, login, delivered: () => delivered };
}

describe('SimulatorGateway', () => {
  it('with an event delay, answers first and pumps the deal afterwards, as a real server does', async () => {
    vi.useFakeTimers();
    try {
      const { gateway, login, delivered } = simulated(250);
      const reply = await gateway.balance(login, DealAction.BALANCE, 10_00, 'AB123-8');
      expect(reply.retcode).toBe(Retcode.REQUEST_DONE);
      expect(delivered()).toBe(0);
      vi.advanceTimersByTime(250);
      expect(delivered()).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers with the server’s retcode and deal, and delivers the events at once', async () => {
    const { gateway, login, delivered } = simulated();
    const reply = await gateway.balance(login, DealAction.BALANCE, 10_00, 'AB123-7 note');
    expect(reply.retcode).toBe(Retcode.REQUEST_DONE);
    expect(reply.dealTicket).toBeGreaterThan(0);
    expect(delivered()).toBeGreaterThan(0);
    expect(await gateway.findBalanceDeal(login, 'AB123-7')).toEqual({ dealTicket: reply.dealTicket });
    expect(await gateway.findBalanceDeal(login, 'AB123-70')).toBeUndefined();
    expect(await gateway.findBalanceDeal(login + 1, 'AB123-7')).toBeUndefined();
    expect(await gateway.balance(999_999, DealAction.BALANCE, 10_00, 'x')).toEqual({ retcode: Retcode.ERR_NOTFOUND });
    expect(await gateway.updateUser(login, { leverage: 0 })).toEqual({ retcode: Retcode.ERR_PARAMS });
  });

  it('turns a reply lost after the server applied it into a rejected promise, and still delivers', async () => {
    const { simulator, gateway, login, delivered } = simulated();
    const tap: OperationTap = () => {
      throw new Error('reply lost');
    };
    simulator.setOperationTap(tap);
    const before = delivered();
    await expect(gateway.balance(login, DealAction.BALANCE, 5_00, 'AB123-8')).rejects.toThrow('reply lost');
    expect(delivered()).toBeGreaterThan(before);
    expect(await gateway.findBalanceDeal(login, 'AB123-8')).toEqual({ dealTicket: expect.any(Number) });
  });
});
