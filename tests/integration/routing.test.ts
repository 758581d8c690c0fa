/**
 * Toxic flow and routing through the contract, on a real core: the simulator (seed 42, whose
 * first latency arbitrageur is flagged about five virtual minutes in) streams into real SQLite
 * files; the toxic-flow engine runs from what the cache applied. A dealer routes the flagged
 * account to the A-book: the group change goes through the actions path, the server's account
 * update confirms it, the grids' Book column and the exposure book split follow, and the audit
 * trail holds the recommendation, the application and an override with its reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AssembledCore, assembleCore } from '../../main/core/desk-core';
import { simulatorParts } from '../../main/core/simulator-parts';
import { openDeskStores } from '../../main/core/stores';
import { createInMemoryDesk, type InMemoryDesk } from '../../main/ipc/in-memory-desk';
import { SimulatorSource } from '../../main/sources/simulator/source';
import type { ToxicRow } from '../../shared/routing';
import { answer, until } from './kit';

const SERVER = 'sim-routing';
const dir = mkdtempSync(path.join(tmpdir(), 'desk-routing-'));
const ADA = { name: 'Ada Admin', password: 'correct horse battery' };

let core: AssembledCore;
let desk: InMemoryDesk;

beforeAll(async () => {
  const stores = openDeskStores(dir);
  const source = new SimulatorSource({ seed: 42, server: SERVER }, { speed: 400, intervalMs: 10 });
  const crm = source.crm();
  stores.record.upsertClients(crm.clients, crm.clientAccounts);
  core = assembleCore(
    { ...stores, ...simulatorParts(source) },
    { deskCurrency: 'USD', version: 'test', frameMs: 20, statusEveryMs: 200, log: () => {} },
  );
  core.start();
  desk = createInMemoryDesk(core, { frameMs: 20 });
  answer(await desk['session.setup'](ADA));
});

afterAll(async () => {
  await core.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('toxic flow and routing through the contract', () => {
  let arbitrageur: ToxicRow;

  it('ranks a flagged latency arbitrageur with its evidence and an A-book recommendation', async () => {
    arbitrageur = await until(
      'a flagged latency arbitrageur',
      async () => {
        const rows = answer(await desk['toxic.list']({ detector: 'latency-arb' }));
        return rows.find((r) => r.recommendation === 'A' && r.book === 'B');
      },
      120_000,
    );
    expect(arbitrageur.flagged).toContain('latency-arb');
    expect(arbitrageur.group.startsWith('real\\')).toBe(true);
    const { profile } = answer(await desk['toxic.profile']({ server: SERVER, login: arbitrageur.login }));
    const score = profile.scores.find((s) => s.detector === 'latency-arb');
    expect(score?.flagged).toBe(true);
    expect(score?.evidence.length).toBeGreaterThanOrEqual(DEFAULT_MIN_ARB_TRADES);
    for (const trade of score?.evidence ?? []) {
      expect(trade.login).toBe(arbitrageur.login);
      expect(trade.closeTimeMsc).toBeGreaterThanOrEqual(trade.openTimeMsc);
    }
    // The whole list is ranked: no row outscores the one before it.
    const all = answer(await desk['toxic.list']({}));
    for (let i = 1; i < all.length; i++)
      expect(all[i - 1]?.overallScore).toBeGreaterThanOrEqual(all[i]?.overallScore ?? 0);
  });

  it('records the recommendation in the audit trail', async () => {
    const entry = await until('the recommendation in the trail', async () => {
      const entries = answer(await desk['audit.list']({ action: 'routing.recommendation', login: arbitrageur.login }));
      return entries[0];
    });
    expect(entry.operator).toMatch(/desk/);
    expect(entry.after).toMatchObject({ recommendation: 'A' });
  });

  it('applies the A-book: the group changes on the server, the Book column and the exposure split follow', async () => {
    const login = arbitrageur.login;
    // Catch the account holding a position and pause the market there, so the split can be seen
    // to move with the position it already has (its trades last seconds).
    const held = await holdingPosition(login);
    const inBook = async (book: 'A' | 'B') =>
      answer(await desk['exposure.positions']({ tab: 'book', book }))
        .filter((p) => p.login === login)
        .map((p) => p.ticket)
        .sort((a, b) => a - b);
    expect(await inBook('B')).toEqual(held);
    expect(await inBook('A')).toEqual([]);

    const applied = answer(await desk['routing.apply']({ server: SERVER, login, book: 'A' }));
    expect(applied.override).toBe(false);
    expect(applied.group).toBe(arbitrageur.group.replace(/^real\\/, 'real\\a-book\\'));
    const account = await until('the confirmed group change', async () => {
      const row = answer(await desk['accounts.list']({ server: SERVER, login }))[0];
      return row?.group === applied.group ? row : undefined;
    });
    expect(account.book).toBe('A');
    const action = answer(await desk['actions.list']({ server: SERVER, login })).find((a) => a.id === applied.actionId);
    expect(action?.state).toBe('confirmed');
    // The same positions, now in the A-book row of the exposure panel and out of the B-book row.
    await until('the split to move', async () => ((await inBook('A')).length > 0 ? true : undefined));
    expect(await inBook('A')).toEqual(held);
    expect(await inBook('B')).toEqual([]);
    const rows = answer(await desk['positions.list']({ server: SERVER, login }));
    expect(rows.map((p) => p.book)).toEqual(held.map(() => 'A'));
    // The toxic row shows the new book and nothing pending.
    const row = await until('the row in the A-book', async () => {
      const r = answer(await desk['toxic.list']({ detector: 'latency-arb' })).find((x) => x.login === login);
      return r?.book === 'A' && r.pendingBook === null ? r : undefined;
    });
    expect(row.recommendation).toBe('A');
    const entries = answer(await desk['audit.list']({ action: 'routing.apply', login }));
    expect(entries[0]?.operator).toBe(ADA.name);
    expect(entries[0]?.message).toMatch(/recommended A-book at score/);
    answer(await desk['sim.control']({ speed: 400 }));
  });

  it('refuses an override without a reason, and records one with it', async () => {
    const login = arbitrageur.login;
    const refused = await desk['routing.apply']({ server: SERVER, login, book: 'B' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/against the recommendation \(A-book\) needs a reason/);
    const override = answer(
      await desk['routing.apply']({ server: SERVER, login, book: 'B', reason: 'LP rejects this flow; keep it' }),
    );
    expect(override.override).toBe(true);
    await until('the account back in the B-book', async () => {
      const row = answer(await desk['accounts.list']({ server: SERVER, login }))[0];
      return row?.book === 'B' ? row : undefined;
    });
    const entry = answer(await desk['audit.list']({ action: 'routing.override', login }))[0];
    expect(entry?.message).toMatch(/reason: LP rejects this flow; keep it/);
    expect(entry?.before).toMatchObject({ book: 'A' });
    expect(entry?.after).toMatchObject({ book: 'B' });
  });

  it('refuses routing a group that has no twin, and bad settings, with clear messages', async () => {
    const saved = answer(await desk['routing.map']({}));
    answer(await desk['routing.map.save']({ pairs: [] }));
    const refused = await desk['routing.apply']({ server: SERVER, login: arbitrageur.login, book: 'A', reason: 'x' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/has no A\/B twin in the routing map/);
    answer(await desk['routing.map.save']({ pairs: saved }));
    const bad = await desk['toxic.settings.save']({ settings: { minTrades: 0 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/minTrades/);
  });
});

/** Runs the market slowly until `login` holds a position, then pauses it; the tickets it holds. */
async function holdingPosition(login: number): Promise<number[]> {
  for (let attempt = 0; attempt < 20; attempt++) {
    answer(await desk['sim.control']({ speed: 20 }));
    await until(
      `a position of ${login}`,
      async () => answer(await desk['positions.list']({ server: SERVER, login })).length > 0,
      60_000,
    );
    answer(await desk['sim.control']({ speed: 0 }));
    // Let the last frame land, then read again: it may have closed in between.
    await new Promise((r) => setTimeout(r, 200));
    const tickets = answer(await desk['positions.list']({ server: SERVER, login })).map((p) => p.ticket);
    if (tickets.length > 0) return tickets.sort((a, b) => a - b);
  }
  throw new Error(`${login} never held a position when the market paused`);
}

/** The latency-arbitrage detector's default minimum of arbitrage trades (shared/toxic.ts). */
const DEFAULT_MIN_ARB_TRADES = 5;
