import { describe, expect, it } from 'vitest';
import { DealAction, Retcode } from '../../shared/mt5';
import type { OperationTap } from '../sources/simulator/dealer-operations';
import { Simulator } from '../sources/simulator/simulator';
import { SimulatorGateway } from './simulator-gateway';

function simulated() {
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
  );
  const [login] = [...simulator.truth().accounts.keys()] as [number];
  return { simulator, gateway, login, delivered: () => delivered };
}

describe('SimulatorGateway', () => {
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
