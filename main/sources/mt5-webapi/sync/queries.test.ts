import { describe, expect, it } from 'vitest';
import { FakeBroker } from '../fake-broker';
import { fakeConnection } from '../test-kit';
import { dealsBetween } from './deal-window';
import { everyRow, rows, TruncatedError } from './queries';

const groups = () => ['real\\std-usd', 'coverage\\lp2-usd'];

function broker(): FakeBroker {
  const b = new FakeBroker();
  b.session = true;
  return b;
}

describe('list queries under the mask limit', () => {
  it('reads "13 Not found" as no rows and 14 as truncated', async () => {
    const b = broker().on('order/get_batch', '{"retcode":"13 Not found"}');
    b.maskLimit = 1;
    const { connection } = fakeConnection(b);
    await expect(rows(connection, 'order/get_batch', { group: '*' })).resolves.toEqual([]);
    await expect(rows(connection, 'position/get_batch', { group: '*' })).rejects.toBeInstanceOf(TruncatedError);
  });

  it('splits a truncated group=* per group, then a truncated group per login list', async () => {
    const b = broker();
    b.users.push({ ...(b.users[0] as Record<string, unknown>), Login: '764638' });
    b.positions.push({ ...(b.positions[0] as Record<string, unknown>), Position: '5513', Login: '764638' });
    b.maskLimit = 1;
    const { connection } = fakeConnection(b);
    const all = await everyRow(connection, 'position/get_batch', groups);
    expect(all.map((p) => p.Position).sort()).toEqual(['5512', '5513', '5600']);
    const asked = b.calls
      .filter((c) => c.path === '/api/position/get_batch')
      .map((c) => c.query.group ?? `login=${c.query.login}`);
    expect(asked).toEqual(['*', 'real\\std-usd', 'login=764636,764638', 'coverage\\lp2-usd']);
  });

  it('halves a truncated deal window, down to one second, then pages that second login by login (≤ 100)', async () => {
    const b = broker();
    const deal = b.deals[1] as Record<string, unknown>;
    // 150 deals of one login within one second: no window or group split can get under the limit.
    b.deals = Array.from({ length: 150 }, (_, i) => ({ ...deal, Deal: String(200_000 + i), Time: '1700000001' }));
    b.maskLimit = 50;
    const { connection } = fakeConnection(b, { maxRequestsPerSecond: 1_000 });
    const all = await dealsBetween(connection, 1_699_999_990, 1_700_000_010, groups);
    expect(new Set(all.map((d) => d.Deal)).size).toBe(150);
    const pages = b.calls.filter((c) => c.path === '/api/deal/get_page');
    expect(pages.map((c) => c.query.total)).toEqual(['100', '100']);
    expect(pages.map((c) => c.query.offset)).toEqual(['0', '100']);
  });
});
