import { describe, expect, it } from 'vitest';
import { PositionTable } from './tables';

describe('dense figure tables', () => {
  it('fills a released row with the last one and tells its owner, across growth', () => {
    const table = new PositionTable();
    const owners = Array.from({ length: 3000 }, () => ({ row: -1 }));
    for (const [i, owner] of owners.entries()) {
      table.add(owner);
      table.priceOpen[owner.row] = i;
    }
    expect(table.size).toBe(3000);
    // Release every third owner: the survivors keep their own figures at their (moved) rows.
    const released = owners.filter((_, i) => i % 3 === 0);
    for (const owner of released) table.release(owner);
    expect(table.size).toBe(2000);
    for (const owner of released) expect(owner.row).toBe(-1);
    owners.forEach((owner, i) => {
      if (i % 3 !== 0) expect(table.priceOpen[owner.row]).toBe(i);
    });
    const rows = owners.filter((o) => o.row >= 0).map((o) => o.row);
    expect(new Set(rows).size).toBe(2000);
    expect(Math.max(...rows)).toBe(1999);
  });

  it('ignores a second release and starts a new row zeroed', () => {
    const table = new PositionTable();
    const a = { row: -1 };
    const b = { row: -1 };
    table.add(a);
    table.add(b);
    table.profit[b.row] = 123;
    table.release(b);
    table.release(b);
    expect(table.size).toBe(1);
    const c = { row: -1 };
    table.add(c);
    expect(c.row).toBe(1);
    expect(table.profit[c.row]).toBe(0);
    expect(table.valuation[c.row]).toBe(-1);
    expect(table.account[c.row]).toBe(-1);
  });
});
