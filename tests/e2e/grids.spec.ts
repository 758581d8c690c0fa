import { expect, type Locator, test } from '@playwright/test';
import { formatMoney } from '../../shared/units';
import { DeskPage, deskForThisFile } from './fixtures';

const desk = deskForThisFile();

/** Where a grid's drawn rows sit against its scrolled view (and the header over its top), in page pixels. */
function drawnRows(viewport: Locator) {
  return viewport.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const headerBottom = el.closest('.ag-root')?.querySelector('.ag-header')?.getBoundingClientRect().bottom ?? 0;
    const rows = [...el.querySelectorAll('.ag-grid-scrolling-container .ag-row[row-id]')].map((row) => {
      const r = row.getBoundingClientRect();
      return { id: row.getAttribute('row-id') ?? '', top: r.top, bottom: r.bottom };
    });
    return { view: { top: box.top, bottom: box.bottom, headerBottom }, rows };
  });
}

test.describe('positions and accounts grids', () => {
  test('rows appear in both grids', async ({ page }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url);
    await expect(dp.rows('positions').first()).toBeVisible();
    await expect(dp.rows('accounts').first()).toBeVisible();
    const positions = await dp.count('positions');
    const accounts = await dp.count('accounts');
    expect(positions.total).toBeGreaterThan(0);
    expect(accounts.total).toBeGreaterThan(0);
    await expect(page.getByTestId('server-status').first()).toHaveAttribute(
      'data-state',
      /connecting|syncing|live|lagging|down/,
    );
  });

  test('prices and profit change live', async ({ page }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url);
    const before = await dp.readRows('positions', ['priceCurrent', 'profit']);
    expect(before.length).toBeGreaterThan(0);
    const seen = new Map(before.map((r) => [r.id, `${r.cells.priceCurrent}|${r.cells.profit}`]));
    await expect
      .poll(
        async () => {
          const now = await dp.readRows('positions', ['priceCurrent', 'profit']);
          return now.filter((r) => seen.has(r.id) && seen.get(r.id) !== `${r.cells.priceCurrent}|${r.cells.profit}`)
            .length;
        },
        { timeout: 30_000, message: 'no visible price or profit changed' },
      )
      .toBeGreaterThan(0);
  });

  test('a changed price flashes, then clears at once instead of fading', async ({ page }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url);
    const grid = page.getByTestId('positions-grid');
    // Flashes start and end with a class; a fade would run a CSS transition, repainting the cell
    // every animation frame and dispatching transition events through the page.
    await grid.evaluate((el) => {
      const counts = { transitions: 0 };
      (window as unknown as { __flashTransitions: typeof counts }).__flashTransitions = counts;
      el.addEventListener('transitionrun', () => counts.transitions++, true);
    });
    const flashing = grid.locator('.ag-cell-data-changed[col-id=priceCurrent], .ag-cell-data-changed[col-id=profit]');
    await expect(flashing.first()).toBeVisible({ timeout: 30_000 });
    const lit = await flashing.first().evaluate((cell) => getComputedStyle(cell).backgroundColor);
    expect(lit).not.toBe('rgba(0, 0, 0, 0)');
    await page.waitForTimeout(2_000);
    const transitions = await page.evaluate(
      () => (window as unknown as { __flashTransitions: { transitions: number } }).__flashTransitions.transitions,
    );
    expect(transitions).toBe(0);
  });

  test('a grid renders only a few rows beyond what it shows, and fills them in as it scrolls', async ({ page }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url);
    await expect(dp.rows('positions').first()).toBeVisible();
    const viewport = dp.grid('positions').locator('.ag-grid-viewport');
    const layout = async () => {
      const { view, rows } = await drawnRows(viewport);
      const inView = rows.filter((r) => r.bottom > view.top && r.top < view.bottom);
      return { rendered: rows.length, inView: inView.length };
    };
    const { total } = await dp.count('positions');
    const top = await layout();
    expect(total).toBeGreaterThan(top.rendered); // the book is larger than what is drawn
    // Five rows of buffer below the view at the top of the book (grid-setup.ts rowBuffer).
    expect(top.rendered - top.inView).toBeLessThanOrEqual(5);
    expect(top.rendered - top.inView).toBeGreaterThan(0);

    await viewport.evaluate((el) => {
      el.scrollTop = 600;
    });
    // Rows the scroll brought in are drawn with their figures; above and below, five at most.
    await expect
      .poll(async () => {
        const now = await layout();
        return now.inView > 0 && now.rendered - now.inView <= 10;
      })
      .toBe(true);
    const shown = await dp.readRows('positions', ['symbol', 'profit']);
    expect(shown.every((r) => r.cells.symbol !== '' && r.cells.profit !== '')).toBe(true);
  });

  for (const grid of ['positions', 'accounts'] as const) {
    test(`the core is told the ${grid} in view, not the buffer rows drawn beyond it`, async ({ page }) => {
      // What the page asks of the core, read off its socket: the last `<grid>.viewport` wins.
      let reported: string[] = [];
      page.on('websocket', (socket) =>
        socket.on('framesent', ({ payload }) => {
          const message = JSON.parse(String(payload)) as { channel?: string; input?: { ids?: string[] } };
          if (message.channel === `${grid}.viewport`) reported = message.input?.ids ?? [];
        }),
      );
      const dp = new DeskPage(page);
      await dp.open(desk().url);
      await expect(dp.rows(grid).first()).toBeVisible();
      await dp.core('sim.control', { speed: 0 }); // no opens or closes move the rows meanwhile
      try {
        const viewport = dp.grid(grid).locator('.ag-grid-viewport');
        // Mid-book, part-way into a row: buffer rows are drawn above and below the view.
        await viewport.evaluate((el) => {
          el.scrollTop = 407;
        });
        // Rows wholly between the header and the viewport's bottom must be reported; rows drawn wholly
        // outside the viewport (the buffer) must not. A row cut by an edge may go either way.
        const drawn = async () => {
          const { view, rows } = await drawnRows(viewport);
          return {
            wholly: rows.filter((r) => r.top >= Math.max(view.top, view.headerBottom) && r.bottom <= view.bottom),
            outside: rows.filter((r) => r.bottom <= view.top || r.top >= view.bottom),
          };
        };
        await expect
          .poll(async () => {
            const { wholly, outside } = await drawn();
            return {
              buffered: outside.length > 0,
              inViewReported: wholly.length > 3 && wholly.every((r) => reported.includes(r.id)),
              bufferReported: outside.some((r) => reported.includes(r.id)),
            };
          })
          .toEqual({ buffered: true, inViewReported: true, bufferReported: false });
        expect(reported.length).toBeGreaterThan(3);
      } finally {
        await dp.core('sim.control', { speed: 5 });
      }
    });
  }

  test('the symbol and login filters narrow the grids', async ({ page }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url);
    const [first] = await dp.readRows('positions', ['symbol', 'login']);
    expect(first).toBeDefined();
    const symbol = first!.cells.symbol!;
    const all = await dp.count('positions');

    await dp.filter('symbol').fill(symbol);
    await expect.poll(async () => (await dp.count('positions')).shown).toBeLessThan(all.total);
    const symbols = (await dp.readRows('positions', ['symbol'])).map((r) => r.cells.symbol!.toLowerCase());
    expect(symbols.length).toBeGreaterThan(0);
    for (const s of symbols) expect(s).toContain(symbol.toLowerCase());
    await dp.filter('symbol').fill('');

    const login = first!.cells.login!;
    await dp.filter('login').fill(login);
    await expect.poll(async () => (await dp.count('positions')).shown).toBeLessThan(all.total);
    for (const r of await dp.readRows('positions', ['login'])) expect(r.cells.login!.startsWith(login)).toBe(true);
    const accountLogins = await dp.readRows('accounts', ['login']);
    expect(accountLogins.length).toBeGreaterThan(0);
    for (const r of accountLogins) expect(r.cells.login!.startsWith(login)).toBe(true);
    expect((await dp.count('accounts')).shown).toBeLessThan((await dp.count('accounts')).total);

    await page.getByTestId('clear-filters').click();
    await expect.poll(async () => (await dp.count('positions')).shown).toBeGreaterThanOrEqual(all.total - 50);
  });

  test('figures on screen equal what the core reports', async ({ page }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url);
    await dp.core('sim.control', { speed: 0 });
    try {
      // Paused: once the last frames are in, every visible figure must match the core exactly.
      await expect(async () => {
        const [positions, accounts] = await Promise.all([dp.core('positions.list', {}), dp.core('accounts.list', {})]);
        const positionById = new Map(positions.map((p) => [p.id, p]));
        const accountById = new Map(accounts.map((a) => [a.id, a]));

        const shownPositions = (await dp.readRows('positions', ['profit', 'priceCurrent', 'swap'])).slice(0, 15);
        expect(shownPositions.length).toBeGreaterThan(3);
        for (const row of shownPositions) {
          const core = positionById.get(row.id);
          expect(core, `position ${row.id} is on screen but not in the core`).toBeDefined();
          expect(row.cells.profit).toBe(formatMoney(core!.profit));
          expect(row.cells.swap).toBe(formatMoney(core!.swap));
          expect(row.cells.priceCurrent).toBe(core!.priceCurrent.toFixed(core!.digits));
        }

        const shownAccounts = (await dp.readRows('accounts', ['balance', 'equity', 'marginFree'])).slice(0, 15);
        expect(shownAccounts.length).toBeGreaterThan(3);
        for (const row of shownAccounts) {
          const core = accountById.get(row.id);
          expect(core, `account ${row.id} is on screen but not in the core`).toBeDefined();
          expect(row.cells.balance).toBe(formatMoney(core!.balance));
          expect(row.cells.equity).toBe(formatMoney(core!.equity));
          expect(row.cells.marginFree).toBe(formatMoney(core!.marginFree));
        }
      }).toPass({ timeout: 30_000, intervals: [250, 500, 1000] });
    } finally {
      await dp.core('sim.control', { speed: 5 });
    }
  });
});
