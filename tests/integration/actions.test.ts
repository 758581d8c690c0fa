/**
 * Dealer actions through the contract on a real core: operators sign in on their own windows,
 * money goes to the embedded simulator and is confirmed by its balance deal, roles and limits are
 * enforced by the core, and a deposit whose reply was lost is still booked exactly once after the
 * desk restarts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AssembledCore, assembleCore } from '../../main/core/desk-core';
import { simulatorParts } from '../../main/core/simulator-parts';
import { openDeskStores } from '../../main/core/stores';
import { createHub } from '../../main/ipc/hub';
import { IN_MEMORY_URL, type InMemoryDesk, openInMemoryWindow } from '../../main/ipc/in-memory-desk';
import { SimulatorSource } from '../../main/sources/simulator/source';
import type { ActionRow } from '../../shared/actions';
import { DealAction } from '../../shared/mt5';
import { answer, until } from './kit';

const SERVER = 'sim-actions';
const ADA = { name: 'Ada Admin', password: 'admin password 1' };
const DAN = { name: 'Dan Dealer', password: 'dealer password 1' };
const RITA = { name: 'Rita Risk', password: 'risk password 12' };
const dir = mkdtempSync(path.join(tmpdir(), 'desk-actions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Desk {
  core: AssembledCore;
  source: SimulatorSource;
  window(): InMemoryDesk;
  stop(): Promise<void>;
}

/** A paused simulator, so balances change only through the desk's own balance operations. */
function startDesk(): Desk {
  const stores = openDeskStores(dir);
  const source = new SimulatorSource(
    { seed: 5, server: SERVER, clients: 60, initialPositions: 100 },
    {
      speed: 0,
      intervalMs: 10,
      recordedOperations: stores.simulatorOperations.load(SERVER),
      onOperation: (operation) => stores.simulatorOperations.append(SERVER, operation),
    },
  );
  const crm = source.crm();
  stores.record.upsertClients(crm.clients, crm.clientAccounts);
  const core = assembleCore(
    { ...stores, ...simulatorParts(source) },
    { deskCurrency: 'USD', version: 'test', frameMs: 20, statusEveryMs: 200, log: () => {} },
  );
  core.start();
  const hub = createHub(core, { isTrustedSender: (s) => s.url === IN_MEMORY_URL, checkOutputs: true, frameMs: 20 });
  return {
    core,
    source,
    window: () => openInMemoryWindow(hub),
    async stop() {
      hub.close();
      await core.stop();
    },
  };
}

async function signedIn(desk: Desk, who: { name: string; password: string }): Promise<InMemoryDesk> {
  const window = desk.window();
  answer(await window['session.signIn'](who));
  return window;
}

const settled = (window: InMemoryDesk, id: string) =>
  until(`action ${id} to settle`, async () => {
    const row = answer(await window['actions.list']({})).find((a) => a.id === id);
    return row && !['sending', 'pending', 'awaiting-approval'].includes(row.state) ? row : undefined;
  });

const balanceOf = async (window: InMemoryDesk, login: number) =>
  answer(await window['accounts.list']({ server: SERVER, login }))[0]?.balance;

describe('dealer actions on a real core', () => {
  let login = 0;

  it('the first operator becomes the admin; roles and limits are enforced by the core', async () => {
    const desk = startDesk();
    try {
      const ada = desk.window();
      expect(answer(await ada['session.state']({}))).toMatchObject({ operator: null, setupNeeded: true });
      expect(await ada['accounts.list']({})).toMatchObject({ ok: false, error: { code: 'signed_out' } });
      answer(await ada['session.setup'](ADA));
      answer(await ada['operators.save']({ ...DAN, role: 'dealer' }));
      answer(await ada['operators.save']({ ...RITA, role: 'risk' }));
      answer(await ada['limits.save']({ limits: { dealerMaxAmount: 50_000, fourEyesAbove: 10_000 } }));
      // Let the simulated server publish its accounts, then pause it for good.
      desk.source.setSpeed(20);
      const accounts = await until('the accounts', async () => {
        const rows = answer(await ada['accounts.list']({ server: SERVER }));
        return rows.length > 0 ? rows : undefined;
      });
      desk.source.setSpeed(0);
      const usd = accounts.find((a) => a.currency === 'USD' && !a.coverage && a.positions === 0);
      expect(usd).toBeDefined();
      login = usd?.login ?? 0;

      const rita = await signedIn(desk, RITA);
      expect(await rita['actions.balance']({ server: SERVER, login, kind: 'deposit', amount: '100' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      const dan = await signedIn(desk, DAN);
      // Above the dealer's limit: refused by the core, whatever the UI would have allowed.
      const tooMuch = await dan['actions.balance']({ server: SERVER, login, kind: 'deposit', amount: '60000' });
      expect(tooMuch).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const refusals = answer(await ada['audit.list']({ result: 'refused' }));
      expect(refusals.map((e) => e.operator)).toEqual(expect.arrayContaining(['Rita Risk', 'Dan Dealer']));
    } finally {
      await desk.stop();
    }
  });

  it('a deposit is pending until its balance deal arrives, then the balance rose by exactly the amount', async () => {
    const desk = startDesk();
    try {
      const dan = await signedIn(desk, DAN);
      const before = await balanceOf(dan, login);
      const sent = answer(
        await dan['actions.balance']({ server: SERVER, login, kind: 'deposit', amount: '1,500.25', note: 'wire' }),
      );
      expect(['pending', 'confirmed']).toContain(sent.state);
      const done = await settled(dan, sent.id);
      expect(done).toMatchObject({ state: 'confirmed', amount: 150_025, requestedBy: 'Dan Dealer' });
      expect(
        await until('the new balance', async () => {
          const now = await balanceOf(dan, login);
          return now !== before ? now : undefined;
        }),
      ).toBe((before ?? 0) + 150_025);
      const deals = desk.source.simulator.truth().deals.filter((d) => d.comment.split(' ')[0] === sent.id);
      expect(deals).toHaveLength(1);
    } finally {
      await desk.stop();
    }
  });

  it('four eyes: a large deposit waits for a second operator, never its requester', async () => {
    const desk = startDesk();
    try {
      const dan = await signedIn(desk, DAN);
      const ada = await signedIn(desk, ADA);
      const waiting = answer(await dan['actions.balance']({ server: SERVER, login, kind: 'deposit', amount: 20_000 }));
      expect(waiting.state).toBe('awaiting-approval');
      expect(await dan['actions.approve']({ id: waiting.id })).toMatchObject({ ok: false });
      answer(await ada['actions.approve']({ id: waiting.id }));
      expect(await settled(dan, waiting.id)).toMatchObject({ state: 'confirmed', approvedBy: 'Ada Admin' });
    } finally {
      await desk.stop();
    }
  });

  it('a reply lost after the server applied a deposit, then a desk restart: booked exactly once', async () => {
    let desk = startDesk();
    let id = '';
    let before: number | undefined;
    try {
      const dan = await signedIn(desk, DAN);
      before = await balanceOf(dan, login);
      // The server books the deposit, then the connection drops: the reply is lost, and so is the
      // deal event, which never reaches the desk's cache before it goes down.
      const source = desk.source;
      source.simulator.setOperationTap((operation, reply) => {
        if (operation.kind !== 'balance') return reply;
        void source.stop();
        throw new Error('connection reset');
      });
      const sent = await dan['actions.balance']({ server: SERVER, login, kind: 'deposit', amount: '250' });
      id = sent.ok ? sent.value.id : (answer(await dan['actions.list']({ login }))[0]?.id ?? '');
      expect(id).not.toBe('');
    } finally {
      await desk.stop(); // the desk goes down before any retry
    }

    desk = startDesk();
    try {
      const dan = await signedIn(desk, DAN);
      const done: ActionRow = await settled(dan, id);
      expect(done.state).toBe('confirmed');
      const booked = desk.source.simulator
        .truth()
        .deals.filter((d) => d.action === DealAction.BALANCE && d.comment.split(' ')[0] === id);
      expect(booked).toHaveLength(1);
      expect(
        await until('the balance', async () => {
          const now = await balanceOf(dan, login);
          return now !== before ? now : undefined;
        }),
      ).toBe((before ?? 0) + 25_000);
      const ada = await signedIn(desk, ADA);
      expect(answer(await ada['audit.verify']({}))).toMatchObject({ ok: true });
    } finally {
      await desk.stop();
    }
  });
});
