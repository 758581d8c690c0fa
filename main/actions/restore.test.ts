import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openActionsStore } from '../cache/actions-store';
import { alice, deposit, type Harness, harnessPerTest, OPEN_LIMITS, RecordingGateway, SERVER, usd } from './test-kit';

const harness = harnessPerTest();

describe('restore after a crash', () => {
  /** A desk whose gateway hangs (after applying, or before reaching the server), then "crashes". */
  async function crashMidSend(h: Harness, applies: boolean, login: number): Promise<string> {
    const hanging = h.makeDesk({
      gateways: [
        {
          server: SERVER,
          balance: (l, action, amount, comment) => {
            if (applies) h.simulator.balance(l, action, amount, comment);
            return new Promise(() => {});
          },
          updateUser: () => new Promise(() => {}),
          findBalanceDeal: () => new Promise(() => {}),
        },
      ],
    });
    void hanging.balance(deposit(login, '333'), alice);
    await Promise.resolve();
    const [left] = h.store.unsettled();
    hanging.dispose();
    if (!left) throw new Error('nothing left sending');
    expect(left).toMatchObject({ state: 'sending', attempts: 1 });
    return left.id;
  }

  /** The next run: desk.db opened again, the server (the simulator) still running. */
  function restart(h: Harness) {
    const store = openActionsStore(path.join(h.dir, 'desk.db'));
    const gateway = new RecordingGateway(h.gateway);
    const desk = h.makeDesk({ store, gateways: [gateway] });
    return { store, gateway, desk };
  }

  it('finds an action the server applied before the crash, and does not send it again', async () => {
    const h = harness({ limits: OPEN_LIMITS });
    const account = h.accountWhere(usd);
    h.control.holdEvents = true;
    const id = await crashMidSend(h, true, account.login);
    const next = restart(h);
    await next.desk.restore();
    expect(next.store.get(id)).toMatchObject({ state: 'pending', attempts: 1 });
    expect(next.gateway.calls).toEqual([`findBalanceDeal ${account.login} ${id}`]);
    h.control.holdEvents = false;
    h.deliver();
    expect(next.store.get(id)).toMatchObject({ state: 'confirmed', dealTicket: h.balanceDealsWith(id)[0]?.ticket });
    expect(h.balanceDealsWith(id)).toHaveLength(1);
    expect(h.truthAccount(account.login)?.balance).toBe(account.balance + 33_300);
    next.store.close();
  });

  it('sends an action that never reached the server, with the same id, once', async () => {
    const h = harness({ limits: OPEN_LIMITS });
    const account = h.accountWhere(usd);
    const id = await crashMidSend(h, false, account.login);
    const next = restart(h);
    await next.desk.restore();
    expect(next.store.get(id)).toMatchObject({ state: 'confirmed', attempts: 2 });
    expect(next.gateway.calls).toEqual([
      `findBalanceDeal ${account.login} ${id}`,
      `balance ${account.login} 2 33300 ${id}`,
    ]);
    expect(h.balanceDealsWith(id)).toHaveLength(1);
    next.store.close();
  });

  it('confirms a pending action whose deal reached the cache just before the crash', async () => {
    const h = harness({ limits: OPEN_LIMITS });
    const account = h.accountWhere(usd);
    h.control.holdEvents = true;
    const row = await h.makeDesk().balance(deposit(account.login, '44'), alice);
    expect(row.state).toBe('pending');
    h.control.deskSeesEvents = false; // the mirror commits the deal, the desk dies before it sees it
    h.deliver();
    h.control.deskSeesEvents = true;
    const next = restart(h);
    await next.desk.restore();
    expect(next.store.get(row.id)).toMatchObject({ state: 'confirmed', dealTicket: row.dealTicket });
    expect(next.gateway.calls).toEqual([]);
    next.store.close();
  });

  it('matches the events of the first batches after a restart, even before restore runs', async () => {
    const h = harness({ limits: OPEN_LIMITS });
    const account = h.accountWhere(usd);
    h.control.holdEvents = true;
    const row = await h.makeDesk().balance(deposit(account.login, '55'), alice);
    expect(row.state).toBe('pending');
    const next = restart(h);
    h.control.holdEvents = false;
    h.deliver();
    expect(next.store.get(row.id)).toMatchObject({ state: 'confirmed' });
    await next.desk.restore();
    expect(h.audit.of(row.id).filter((e) => e.result === 'confirmed')).toHaveLength(1);
    next.store.close();
  });
});
