/**
 * The risk side through the contract, on a real core: the simulator streams into real SQLite
 * files, the exposure engine and the alerts engine run from what the cache applied, and a test
 * client talks to it over the in-memory transport (payloads JSON-copied, outputs checked
 * against the contract's schemas).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AssembledCore, assembleCore } from '../../main/core/desk-core';
import { simulatorParts } from '../../main/core/simulator-parts';
import { openDeskStores } from '../../main/core/stores';
import { createInMemoryDesk, type InMemoryDesk } from '../../main/ipc/in-memory-desk';
import { SimulatorSource } from '../../main/sources/simulator/source';
import type { AccountRow, RowDelta } from '../../shared/rows';
import { answer, until } from './kit';

const SERVER = 'sim-risk';
const dir = mkdtempSync(path.join(tmpdir(), 'desk-risk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first operator on a fresh desk becomes its admin (who may also drive the simulator). */
const RITA = { name: 'Rita Risk', password: 'correct horse battery' };

async function startDesk(): Promise<{ core: AssembledCore; desk: InMemoryDesk }> {
  const stores = openDeskStores(dir);
  const { record } = stores;
  const source = new SimulatorSource(
    { seed: 3, server: SERVER, clients: 200, initialPositions: 600 },
    { speed: 40, intervalMs: 10 },
  );
  const crm = source.crm();
  record.upsertClients(crm.clients, crm.clientAccounts);
  const core = assembleCore(
    {
      ...stores,
      ...simulatorParts(source),
    },
    {
      deskCurrency: 'USD',
      version: 'test',
      frameMs: 20,
      statusEveryMs: 200,
      log: () => {},
    },
  );
  core.start();
  const desk = createInMemoryDesk(core, { frameMs: 20 });
  const { setupNeeded } = answer(await desk['session.state']({}));
  answer(await (setupNeeded ? desk['session.setup'](RITA) : desk['session.signIn'](RITA)));
  return { core, desk };
}

describe('risk through the contract', () => {
  let concentrationKey = '';

  it('shows exposure per symbol that adds up to the book, with drill-down to its positions', async () => {
    const { core, desk } = await startDesk();
    try {
      const snapshot = await until('a priced exposure snapshot', async () => {
        const s = answer(await desk['exposure.snapshot']({}));
        return core.book.openPositions > 400 && s.symbols.some((r) => r.brokerNetNotional !== null) ? s : undefined;
      });
      expect(snapshot.deskCurrency).toBe('USD');
      // Paused, the book stands still: exposure and the positions grid must count the same positions.
      answer(await desk['sim.control']({ speed: 0 }));
      await new Promise((r) => setTimeout(r, 100));
      const fresh = answer(await desk['exposure.snapshot']({}));
      const open = answer(await desk['positions.list']({ server: SERVER }));
      expect(fresh.symbols.reduce((n, r) => n + r.positions, 0)).toBe(open.length);
      for (const row of fresh.symbols) {
        const lots = open.filter((p) => p.symbol === row.symbol && !p.coverage);
        const clientNet = lots.reduce((n, p) => n + (p.side === 'buy' ? p.lots : -p.lots), 0);
        expect(row.clientNetLots).toBeCloseTo(clientNet, 6);
      }

      const busiest = [...fresh.symbols].sort((a, b) => b.positions - a.positions)[0]!;
      const behind = answer(
        await desk['exposure.positions']({ tab: 'symbol', server: SERVER, symbol: busiest.symbol }),
      );
      expect(behind.length).toBeGreaterThan(0);
      expect(behind.every((p) => p.symbol === busiest.symbol)).toBe(true);
    } finally {
      desk.close();
      await core.stop();
    }
  });

  it('opens concentration alerts past a lowered threshold, records who acknowledged, and keeps them over a restart', async () => {
    let { core, desk } = await startDesk();
    try {
      const settings = answer(await desk['alerts.settings']({}));
      // Only the lowered notional limit may open the alert: a young book often has one symbol
      // over the default share limits (25 % warn, 40 % critical), which would open it as critical.
      const lowered = {
        ...settings,
        concentration: {
          ...settings.concentration,
          notional: { warn: 100, critical: 1e15 },
          share: { warn: 2, critical: 2 },
        },
      };
      expect(answer(await desk['alerts.settings.save']({ settings: lowered })).concentration.notional.warn).toBe(100);

      const alert = await until('a concentration alert past the lowered limit', async () =>
        answer(await desk['alerts.list']({})).find(
          (a) => a.rule === 'concentration' && a.state === 'open' && a.threshold === 100,
        ),
      );
      concentrationKey = alert.key;
      expect(alert.level).toBe('warn');

      const acknowledged = answer(await desk['alerts.acknowledge']({ key: alert.key }));
      expect(acknowledged).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Rita Risk' });
      expect(acknowledged.acknowledgedMsc).toBeGreaterThan(0);

      const refused = await desk['alerts.acknowledge']({ key: 'concentration:nowhere:NOPE' });
      expect(refused.ok).toBe(false);
    } finally {
      desk.close();
      await core.stop();
    }

    ({ core, desk } = await startDesk());
    try {
      // The lowered threshold and the acknowledged alert both survived; the breach did not open a twin.
      expect(answer(await desk['alerts.settings']({})).concentration.notional.warn).toBe(100);
      await new Promise((r) => setTimeout(r, 1_500));
      const again = answer(await desk['alerts.list']({})).filter((a) => a.key === concentrationKey);
      expect(again).toHaveLength(1);
      expect(again[0]).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Rita Risk' });
      const history = answer(await desk['alerts.history']({ key: concentrationKey }));
      expect(history.map((h) => h.kind)).toEqual(expect.arrayContaining(['opened', 'acknowledged']));
      // The audit trail says who did it and when, and its chain is intact across the restart.
      const trail = answer(await desk['audit.list']({ action: 'alert.' }));
      expect(trail.map((e) => [e.action, e.operator, e.subject, e.result])).toEqual(
        expect.arrayContaining([
          ['alert.thresholds', 'Rita Risk', 'alert settings', 'ok'],
          ['alert.acknowledge', 'Rita Risk', concentrationKey, 'ok'],
          ['alert.acknowledge', 'Rita Risk', 'concentration:nowhere:NOPE', 'refused'],
        ]),
      );
      expect(answer(await desk['audit.verify']({}))).toMatchObject({ ok: true, firstBroken: null });
    } finally {
      desk.close();
      await core.stop();
    }
  });

  it('sends a window the accounts in its view as a price moves their equity', async () => {
    const { core, desk } = await startDesk();
    // What the core addresses to this window alone: its viewport's rows, not the slices all windows get.
    const toWindow: AccountRow[] = [];
    const stop = core.onStream((stream, payload, windowId) => {
      if (stream === 'accounts' && windowId === desk.windowId)
        toWindow.push(...(payload as RowDelta<AccountRow>).upserts);
    });
    try {
      await until('the book open', () => core.book.openPositions > 400);
      answer(await desk['sim.control']({ speed: 0 }));
      // An account with net lots in a symbol, so a jump in that price must move its equity.
      const open = answer(await desk['positions.list']({ server: SERVER }));
      const net = new Map<string, number>();
      for (const p of open) {
        const key = `${p.login} ${p.symbol}`;
        net.set(key, (net.get(key) ?? 0) + (p.side === 'buy' ? p.lots : -p.lots));
      }
      const held = open.find((p) => Math.abs(net.get(`${p.login} ${p.symbol}`) ?? 0) >= 0.01);
      if (!held) throw new Error('no account holds net lots in any symbol');
      const id = `${SERVER}:${held.login}`;
      answer(await desk['accounts.viewport']({ ids: [id] }));
      const shown = await until('the account in view, sent to this window', () => toWindow.find((r) => r.id === id));

      answer(await desk['sim.shock']({ symbol: held.symbol, percent: -5 }));
      const moved = await until('its new equity, sent to this window', async () => {
        const [listed] = answer(await desk['accounts.list']({ server: SERVER, login: held.login }));
        const sent = toWindow.findLast((r) => r.id === id);
        return listed && sent && sent.equity !== shown.equity && sent.equity === listed.equity ? sent : undefined;
      });
      expect(moved.equity).not.toBe(shown.equity);
      expect(new Set(toWindow.map((r) => r.id))).toEqual(new Set([id])); // nothing outside the view
    } finally {
      stop();
      desk.close();
      await core.stop();
    }
  });

  it('raises margin alerts when a market shock hits the clients', async () => {
    const { core, desk } = await startDesk();
    try {
      const snapshot = await until('a book worth shocking', async () => {
        const s = answer(await desk['exposure.snapshot']({}));
        return core.book.openPositions > 400 ? s : undefined;
      });
      // The symbol clients hold most, moved hard against them.
      const target = [...snapshot.symbols].sort((a, b) => Math.abs(b.clientNetLots) - Math.abs(a.clientNetLots))[0]!;
      const shocked = answer(
        await desk['sim.shock']({ symbol: target.symbol, percent: target.clientNetLots > 0 ? -40 : 60 }),
      );
      expect(shocked.symbol).toBe(target.symbol);
      const margin = await until('a margin alert', async () =>
        answer(await desk['alerts.list']({})).find((a) => a.rule === 'margin'),
      );
      expect(['warn', 'critical']).toContain(margin.level);
      expect(margin.message.length).toBeGreaterThan(10);
    } finally {
      desk.close();
      await core.stop();
    }
  });
});
