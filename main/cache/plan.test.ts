import { describe, expect, it } from 'vitest';
import { IN_MEMORY, openConnection } from './connection';
import { createMirror } from './mirror';
import { prepareMirrorQueries } from './mirror-queries';

/** Every read must use an index, even on a fresh mirror with no statistics of its own. */
describe('query plans', () => {
  it('never scans a whole server for positions, orders, deals or commission', () => {
    const db = openConnection(IN_MEMORY, 'mirror');
    const mirror = createMirror(db);
    const params = { server: 's', login: 1, symbol: 'EURUSD', fromMsc: 0, toMsc: 1, limit: 1 };
    const plans = Object.entries(prepareMirrorQueries(db))
      .filter(([, statement]) => statement.source.includes('@'))
      .map(([name, statement]) => {
        const plan = db
          .prepare<[typeof params], { detail: string }>(`EXPLAIN QUERY PLAN ${statement.source}`)
          .all(params);
        return [name, plan.map((step) => step.detail).join(' | ')] as const;
      });
    const planOf = Object.fromEntries(plans);
    expect(planOf.openPositionsOfLogin).toMatch(/positions_open_by_login/);
    expect(planOf.openPositionsInSymbolOnServer).toMatch(/positions_open_by_symbol/);
    expect(planOf.openOrdersOfLogin).toMatch(/orders_open_by_login/);
    expect(planOf.deals).toMatch(/SEARCH deals USING INDEX deals_by_time/);
    expect(planOf.dealsOnServer).toMatch(/deals_by_server_time/);
    expect(planOf.dealsOfLogin).toMatch(/deals_by_login_time/);
    expect(planOf.balanceDealsOfLogin).toMatch(/deals_by_login_time/);
    expect(planOf.balanceDealsOfLogin).not.toMatch(/SCAN deals/);
    for (const [name, plan] of plans) {
      if (name.startsWith('deals')) expect(plan).not.toMatch(/SCAN deals/);
      if (name.startsWith('openPositions')) expect(plan).toMatch(/COVERING INDEX deals_by_position/);
    }
    mirror.close();
  });
});
