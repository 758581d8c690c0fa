import { expect, test } from '@playwright/test';
import { ADMIN, DeskPage, deskForThisFile, launchBrowserMode } from './fixtures';

const desk = deskForThisFile();

interface SavedColumn {
  colId: string;
  width?: number;
  sort?: string | null;
}

test.describe('column state', () => {
  test('sort and width survive a reload and a relaunch', async ({ page }) => {
    const first = desk();
    const dp = new DeskPage(page);
    await dp.open(first.url);

    const profit = dp.header('positions', 'profit');
    await profit.locator('.ag-header-cell-label').click();
    await expect(profit).toHaveAttribute('aria-sort', 'ascending');

    const symbol = dp.header('positions', 'symbol');
    const box = (await symbol.boundingBox())!;
    const handle = (await symbol.locator('.ag-header-cell-resize').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 80, handle.y + handle.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => Math.round((await symbol.boundingBox())!.width)).toBeGreaterThan(box.width + 40);
    const widened = Math.round((await symbol.boundingBox())!.width);

    // Saving waits for the dealer to stop dragging; wait until the core holds the new state.
    await expect
      .poll(async () => {
        const saved = (await dp.core('layout.get', { key: 'positions.columns' })) as SavedColumn[] | null;
        const byId = new Map((saved ?? []).map((c) => [c.colId, c]));
        return `${byId.get('profit')?.sort}|${Math.round(byId.get('symbol')?.width ?? 0)}`;
      })
      .toBe(`asc|${widened}`);

    // A reload is a new window to the core: it signs in again, and the layout is still there.
    await page.reload();
    await dp.signInAs(ADMIN);
    await dp.waitReady();
    await expect(profit).toHaveAttribute('aria-sort', 'ascending');
    await expect.poll(async () => Math.round((await symbol.boundingBox())!.width)).toBe(widened);

    // A relaunch gets a new port (a new origin), so this proves the state lives in the core
    // (and the admin created on the first launch is still there to sign in).
    await first.stop();
    const again = await launchBrowserMode({ dataDir: first.dataDir });
    try {
      await dp.open(again.url);
      await expect(profit).toHaveAttribute('aria-sort', 'ascending');
      await expect.poll(async () => Math.round((await symbol.boundingBox())!.width)).toBe(widened);
    } finally {
      await again.stop();
    }
  });
});
