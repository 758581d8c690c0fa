/**
 * Toxic flow and routing in browser mode: the simulator (seed 42, ×30) has latency arbitrageurs
 * among its clients; the desk flags one with its evidence, the dealer applies the A-book from the
 * toxic-flow panel, the server confirms the group change, the grids show the new group and book,
 * and the exposure panel's book split counts the account's next position in the A-book.
 */
import { expect, test } from '@playwright/test';
import { DeskPage, deskForThisFile } from './fixtures';

const desk = deskForThisFile({ env: { DESK_SIM_SEED: '42', DESK_SIM_SPEED: '30' } });

test('a latency arbitrageur is flagged with evidence, routed to the A-book, and the book split follows', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const dp = new DeskPage(page);
  await dp.open(desk().url);
  await page.getByTestId('tab-toxic').click();
  await page.getByTestId('toxic-detector').selectOption('latency-arb');

  // The core's ranked list says who is flagged; the panel must show that account.
  let found: Awaited<ReturnType<typeof dp.core<'toxic.list'>>>[number] | undefined;
  await expect
    .poll(
      async () => {
        const rows = await dp.core('toxic.list', { detector: 'latency-arb' });
        found = rows.find((r) => r.recommendation === 'A' && r.book === 'B');
        return found !== undefined;
      },
      { timeout: 120_000, intervals: [1_000] },
    )
    .toBe(true);
  const flagged = found;
  if (!flagged) throw new Error('unreachable: the poll above found one');
  const rowId = `${flagged.server}:${flagged.login}`;
  const gridRow = page.getByTestId('toxic-grid').locator(`.ag-row[row-id="${rowId}"]`);
  await expect(gridRow).toBeVisible();
  await expect(gridRow.locator('[col-id="flags"]')).toContainText('latency arbitrage');
  await expect(gridRow.locator('[col-id="recommendation"]')).toHaveText('A');
  await expect(gridRow.locator('[col-id="book"]')).toHaveText('B');

  // Its case: the detector flagged, with the trades behind it.
  await gridRow.locator('[col-id="login"]').click();
  const detail = page.getByTestId('toxic-detail');
  await expect(detail).toHaveAttribute('data-login', String(flagged.login));
  await expect(detail.getByTestId('toxic-score-latency-arb')).toHaveAttribute('data-flagged', 'true');
  await detail.getByTestId('toxic-score-latency-arb').click();
  await expect.poll(() => detail.getByTestId('toxic-evidence-row').count()).toBeGreaterThanOrEqual(5);
  await expect(detail.getByTestId('toxic-evidence-row').first()).toContainText(/moved|spread/);

  const before = await dp.core('exposure.snapshot', {});
  const aBefore = before.books.find((b) => b.slice === 'A')?.positions ?? 0;

  // One click: the group change is sent; the row shows it pending, then the server confirms.
  await detail.getByTestId('toxic-apply').click();
  await expect(detail.getByTestId('toxic-routing-outcome')).toContainText('the book changes when the server confirms');
  await expect(gridRow.locator('[col-id="book"]')).toHaveText('A', { timeout: 30_000 });
  await expect(gridRow.locator('[col-id="pendingBook"]')).toHaveText('');

  // The Accounts grid shows the A-book twin group and the flag.
  await page.getByTestId('tab-accounts').click();
  await dp.filter('login').fill(String(flagged.login));
  await expect(dp.cell('accounts', rowId, 'group')).toHaveText(flagged.group.replace(/^real\\/, 'real\\a-book\\'));
  await expect(dp.cell('accounts', rowId, 'book')).toHaveText('A');

  // The exposure book split: the account's next position is counted in the A-book row.
  await page.getByTestId('tab-exposure').click();
  await page.getByTestId('exposure-tab-book').click();
  await expect
    .poll(
      async () => {
        const positions = await dp.core('exposure.positions', { tab: 'book', book: 'A' });
        return positions.some((p) => p.login === flagged.login);
      },
      { timeout: 90_000, intervals: [1_000] },
    )
    .toBe(true);
  const aRow = page.getByTestId('exposure-grid').locator('.ag-row[row-id="A"] [col-id="positions"]');
  await expect.poll(async () => Number((await aRow.innerText()).replace(/,/g, ''))).toBeGreaterThan(aBefore);

  // The trail holds the recommendation and the dealer's application, by name.
  const applied = await dp.core('audit.list', { action: 'routing.apply', login: flagged.login });
  expect(applied[0]?.operator).toBe('Ada Admin');
  const recommended = await dp.core('audit.list', { action: 'routing.recommendation', login: flagged.login });
  expect(recommended.length).toBeGreaterThan(0);

  // The thresholds are settings: a value the core refuses is shown with its reason, nothing saved.
  await page.getByTestId('tab-toxic').click();
  await page.getByTestId('toxic-settings-toggle').click();
  await page.getByTestId('toxic-setting-minTrades').fill('0');
  await page.getByTestId('toxic-settings-save').click();
  await expect(page.getByTestId('toxic-settings-error')).toContainText('minTrades');
  expect((await dp.core('toxic.settings', {})).minTrades).toBe(10);

  // The routing map behind "Apply A-book", as the admin edits it.
  await page.getByTestId('tab-admin').click();
  const pairs = await dp.core('routing.map', {});
  expect(pairs.length).toBeGreaterThan(0);
  await expect(page.getByTestId('routing-pair')).toHaveCount(pairs.length);
});
