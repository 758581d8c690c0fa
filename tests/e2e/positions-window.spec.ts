/**
 * The positions grid draws a window of the book at a time (renderer/grids/windowed-grid.ts): the
 * desk sorts and filters every position, ag-grid holds only the rows it draws. These tests check
 * that sorting, the quick search and the column filters still act on the whole book.
 */
import { expect, type Page, test } from '@playwright/test';
import { formatMoney } from '../../shared/units';
import { DeskPage, deskForThisFile } from './fixtures';

const desk = deskForThisFile();

/** The positions grid's drawn rows in display order (ag-grid does not keep the DOM in that order). */
async function shownInOrder(page: Page, colId: string): Promise<{ id: string; text: string }[]> {
  const rows = await page
    .getByTestId('positions-grid')
    .locator('.ag-row[row-id]')
    .evaluateAll(
      (elements, col) =>
        elements.map((row) => ({
          index: Number(row.getAttribute('row-index')),
          id: row.getAttribute('row-id') ?? '',
          text: row.querySelector(`[col-id="${col}"]`)?.textContent?.trim() ?? '',
        })),
      colId,
    );
  return rows.sort((a, b) => a.index - b.index).map(({ id, text }) => ({ id, text }));
}

test.describe('the positions window', () => {
  test('sorting by profit ranks the whole book, as the core values it', async ({ page }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url);
    await dp.core('sim.control', { speed: 0 });
    const profit = dp.header('positions', 'profit');
    try {
      // Paused, the core's figures stay put: the top ten on screen must be the book's top ten.
      for (const [direction, sign] of [
        ['ascending', 1],
        ['descending', -1],
      ] as const) {
        await profit.locator('.ag-header-cell-label').click();
        await expect(profit).toHaveAttribute('aria-sort', direction);
        await expect(async () => {
          const core = await dp.core('positions.list', {});
          const ranked = core.map((p) => p.profit).sort((a, b) => sign * (a - b));
          const shown = (await shownInOrder(page, 'profit')).slice(0, 10).map((r) => r.text);
          expect(shown).toEqual(ranked.slice(0, 10).map(formatMoney));
        }).toPass({ timeout: 30_000, intervals: [250, 500, 1000] });
      }
    } finally {
      // The sort is kept by the core for the next window: the other tests here start unsorted.
      await dp.core('layout.save', { key: 'positions.columns', state: [] });
      await dp.core('sim.control', { speed: 5 });
    }
  });

  test('the quick search finds a client across the book', async ({ page }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url);
    const [first] = await dp.readRows('positions', ['clientName']);
    const name = first!.cells.clientName!;
    const all = await dp.count('positions');

    await page.getByTestId('quick-search').fill(name);
    await expect.poll(async () => (await dp.count('positions')).shown).toBeLessThan(all.total);
    const core = await dp.core('positions.list', {});
    const holding = core.filter((p) => p.clientName.toLowerCase().includes(name.toLowerCase())).length;
    // Positions open and close meanwhile; the count is the core's within a few trades.
    expect(Math.abs((await dp.count('positions')).shown - holding)).toBeLessThanOrEqual(5);
    for (const r of await dp.readRows('positions', ['clientName'])) expect(r.cells.clientName).toBe(name);

    await page.getByTestId('clear-filters').click();
    await expect.poll(async () => (await dp.count('positions')).shown).toBeGreaterThanOrEqual(all.total - 50);
  });

  // Money is carried in cents; both grids' money filters take what the cells show (accounts: ag-grid's own filter).
  const moneyFilters = [
    { grid: 'positions', column: 'profit', list: 'positions.list' },
    { grid: 'accounts', column: 'balance', list: 'accounts.list' },
  ] as const;
  for (const { grid, column, list } of moneyFilters) {
    test(`a money filter (${grid}: ${column}) is typed in units, as shown, not in cents`, async ({ page }) => {
      const dp = new DeskPage(page);
      await dp.open(desk().url);
      await dp.core('sim.control', { speed: 0 });
      try {
        // Paused, the first row's figure stays put: filter for exactly that figure.
        const [first] = await dp.readRows(grid, [column]);
        const core = (await dp.core(list, {})) as unknown as { id: string; [field: string]: unknown }[];
        const figure = core.find((row) => row.id === first!.id)![column] as number;
        const all = await dp.count(grid);

        await dp.header(grid, column).locator('.ag-header-cell-filter-button').click();
        await page
          .locator('.ag-filter-body input')
          .first()
          .fill(String(figure / 100));
        await expect.poll(async () => (await dp.count(grid)).shown).toBeLessThan(all.total);
        const shown = await dp.readRows(grid, [column]);
        expect(shown.map((r) => r.id)).toContain(first!.id);
        for (const r of shown) expect(r.cells[column]).toBe(formatMoney(figure));
        expect((await dp.count(grid)).shown).toBe(core.filter((row) => row[column] === figure).length);
      } finally {
        await dp.core('sim.control', { speed: 5 });
      }
    });
  }
});
