/**
 * Dealer actions in browser mode: the admin adds a dealer; the dealer deposits money (pending,
 * then confirmed by the server's own deal) and changes a leverage after seeing its impact; the
 * audit trail lists both; a deposit over the dealer's limit is refused with the core's message;
 * a deposit over the four-eyes line waits until a second operator approves it. The tests share one
 * desk and run in order: the dealer the first test creates signs in to the ones after.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { AccountRow } from '../../shared/rows';
import { formatMoney } from '../../shared/units';
import {
  AccountActions,
  actionRow,
  addOperator,
  auditRows,
  balanceEffect,
  dealsOf,
  ledgerOf,
  quietAccount,
} from './actions-page';
import { ADMIN, DeskPage, deskForThisFile, type OperatorLogin } from './fixtures';

// Deals reach the desk 1.5 s after the server's reply, so a test can see an action pending.
const desk = deskForThisFile({ env: { DESK_SIM_EVENT_DELAY_MS: '1500' } });
const DEALER: OperatorLogin = { name: 'Dan Dealer', password: 'dan-dealer-pass-1' };
const DEPOSIT_CENTS = 1_234_56;

/** Filled in by the tests that act, read by the audit test. */
const done = { deposit: null as AccountRow | null, leverage: null as AccountRow | null };

/** Accounts in the desk currency, so the limits (in desk currency) apply to the typed amount as it is. */
async function deskCurrencyAccounts(dp: DeskPage): Promise<AccountRow[]> {
  const { deskCurrency } = await dp.core('exposure.snapshot', {});
  const accounts = (await dp.core('accounts.list', {})).filter((a) => a.currency === deskCurrency);
  expect(accounts.length, `accounts in ${deskCurrency}`).toBeGreaterThan(0);
  return accounts;
}

test.describe('dealer actions', () => {
  // Serial: later tests use the dealer the first creates. Each test drives two or three round trips
  // per step through a page that streams the whole book, so give a slow shared machine room.
  test.describe.configure({ mode: 'serial', timeout: 300_000 });

  test('the admin adds a dealer from the admin panel', async ({ page }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url);
    await expect(page.getByTestId('operator')).toHaveAttribute('data-role', 'admin');
    await expect(page.getByTestId('operator-name')).toHaveText(ADMIN.name);

    await addOperator(page, DEALER, 'dealer');
    const row = page.locator(`[data-testid="operator-row"][data-name="${DEALER.name}"]`);
    await expect(row).toHaveAttribute('data-role', 'dealer');
    await expect(row).toHaveAttribute('data-disabled', 'false');
    const saved = (await dp.core('operators.list', {})).find((o) => o.name === DEALER.name);
    expect(saved).toMatchObject({ role: 'dealer', disabled: false, createdBy: ADMIN.name });
  });

  test('a dealer’s deposit goes pending, then confirmed, and the balance rises by exactly the amount', async ({
    page,
  }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url, DEALER);
    await expect(page.getByTestId('operator')).toHaveAttribute('data-role', 'dealer');
    // A dealer sees no admin panel (and the core would refuse its requests anyway).
    await expect(page.getByTestId('tab-admin')).toHaveCount(0);
    await expect(dp.core('operators.list', {})).rejects.toThrow(/refused/);

    // A dormant account (no positions, no deal but its opening deposit) moves only by what the test
    // does; a deal that does land on it meanwhile is accounted for from the core's own deal list.
    const candidates = await deskCurrencyAccounts(dp);
    const idle = candidates.filter((a) => a.positions === 0);
    const account = await quietAccount(dp, idle.length > 0 ? idle : candidates);
    const before = await ledgerOf(dp, account);

    const actions = new AccountActions(dp);
    const dialog = await actions.openBalanceDialog(account);
    await dialog.getByTestId('balance-kind-deposit').check();
    await dialog.getByTestId('balance-amount').fill('1234.56');
    await expect(dialog.getByTestId('balance-amount-echo')).toHaveText(`1,234.56 ${account.currency} to balance`);
    await dialog.getByTestId('balance-note').fill('e2e deposit');
    await expect(dialog.getByTestId('balance-note-left')).toHaveAttribute('data-left', /^\d+$/);
    await dialog.getByTestId('dialog-send').click();

    const outcome = dialog.getByTestId('action-outcome');
    await expect(outcome).toHaveAttribute('data-state', 'confirmed', { timeout: 30_000 });
    const id = (await outcome.getAttribute('data-id'))!;
    // The window drew "pending" (the server accepted it) before "confirmed" (its own deal arrived):
    // this desk's simulator pumps a deal 1.5 s after its reply. The trail has every step too.
    const drawn = ((await outcome.getAttribute('data-seen')) ?? '').split(' ');
    expect(drawn.indexOf('pending'), `states drawn: ${drawn.join(' → ')}`).toBeGreaterThanOrEqual(0);
    expect(drawn.indexOf('pending')).toBeLessThan(drawn.indexOf('confirmed'));
    const trail = (await dp.core('audit.list', { login: account.login, limit: 100 }))
      .filter((e) => e.subject === id)
      .sort((a, b) => a.id - b.id)
      .map((e) => e.result);
    expect(trail.indexOf('pending'), `the trail of ${id}: ${trail.join(' → ')}`).toBeGreaterThanOrEqual(0);
    expect(trail.indexOf('pending')).toBeLessThan(trail.indexOf('confirmed'));
    expect(trail.at(-1)).toBe('confirmed');
    const seen = ((await outcome.getAttribute('data-seen')) ?? '').split(' ');
    expect(seen.at(-1)).toBe('confirmed');

    const action = (await dp.core('actions.list', { server: account.server, login: account.login })).find(
      (a) => a.id === id,
    );
    expect(action).toMatchObject({
      state: 'confirmed',
      kind: 'deposit',
      amount: DEPOSIT_CENTS,
      requestedBy: DEALER.name,
      note: 'e2e deposit',
    });
    expect(action!.dealTicket).not.toBeNull();

    // The grid's balance is the balance before, plus our deal, plus whatever else the server
    // booked on the account since (usually nothing): exactly, to the cent.
    await expect(async () => {
      const fresh = (await dealsOf(dp, account)).filter((d) => !before.tickets.has(d.ticket));
      const ours = fresh.find((d) => d.ticket === action!.dealTicket);
      expect(ours, `deal ${action!.dealTicket} in the core's deals`).toBeDefined();
      expect(ours!.profit).toBe(DEPOSIT_CENTS);
      const others = fresh.filter((d) => d !== ours);
      const expected = before.balance + DEPOSIT_CENTS + others.reduce((sum, d) => sum + balanceEffect(d), 0);
      await expect(dp.cell('accounts', account.id, 'balance')).toHaveText(formatMoney(expected), { timeout: 2_000 });
      if (others.length > 0) {
        test.info().annotations.push({ type: 'other deals meanwhile', description: String(others.length) });
      }
    }).toPass({ timeout: 60_000 });

    // The Actions panel shows it confirmed too, with the amount in the account's currency.
    await actions.closeDialog(dialog);
    await page.getByTestId('tab-actions').click();
    await expect(actionRow(page, id).locator('[col-id="state"]')).toHaveText('Confirmed');
    await expect(actionRow(page, id).locator('[col-id="amount"]')).toHaveText(`1,234.56 ${account.currency}`);
    await expect(actionRow(page, id).locator('[col-id="requestedBy"]')).toHaveText(DEALER.name);
    done.deposit = account;
  });

  test('a leverage change shows its impact on the margin level before Send', async ({ page }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url, DEALER);
    // An account whose margin a higher leverage actually lowers (a symbol can cap its own leverage):
    // the core's own preview of doubling it, asked up front, says which.
    // Most positions first: a book that size is held for hours, while a scalper's one position may
    // close before the dialog opens.
    const accounts = (await dp.core('accounts.list', {}))
      .filter(
        (a) => a.positions > 0 && a.marginLevel !== null && a.leverage >= 2 && a.leverage <= 250 && a.margin > 0, // doubled stays within 1:500
      )
      .sort((a, b) => b.positions - a.positions);
    let account: AccountRow | undefined;
    for (const candidate of accounts.slice(0, 12)) {
      const change = { kind: 'leverage' as const, leverage: candidate.leverage * 2 };
      const preview = await dp.core('actions.preview', { server: candidate.server, login: candidate.login, change });
      const ratio = (preview.after.marginLevel ?? 0) / (preview.before.marginLevel ?? Number.POSITIVE_INFINITY);
      if (ratio > 1.05) {
        account = candidate;
        break;
      }
    }
    expect(account, 'an account whose margin level a doubled leverage raises').toBeDefined();
    const target = account!.leverage * 2;

    const actions = new AccountActions(dp);
    const menu = await actions.openMenu(account!);
    await menu.getByTestId('menu-leverage').click();
    const dialog = page.getByTestId('leverage-dialog');
    const send = dialog.getByTestId('dialog-send');
    await dialog.getByTestId('leverage-input').fill(String(target));
    await expect(dialog.getByTestId('leverage-change')).toHaveText(`1:${account!.leverage} → 1:${target}`);
    // The preview of exactly this change is on screen before Send is offered.
    const preview = dialog.getByTestId('impact-preview');
    await expect(preview).toHaveAttribute('data-state', 'ready');
    await expect(send).toBeEnabled();

    const before = Number(await preview.getAttribute('data-before'));
    const after = Number(await preview.getAttribute('data-after'));
    await expect(preview.getByTestId('preview-margin-level')).toHaveText(
      `${before.toFixed(2)}% → ${after.toFixed(2)}%`,
    );
    // A higher leverage lowers the margin, so the level the dialog shows rises (the account was
    // chosen because the core's own preview said so; its positions may have moved since, so only
    // the direction is compared, not the figure).
    expect(after).toBeGreaterThan(before);

    await send.click();
    await expect(dialog.getByTestId('action-outcome')).toHaveAttribute('data-state', 'confirmed', { timeout: 30_000 });
    await expect(dp.cell('accounts', account!.id, 'leverage')).toHaveText(`1:${target}`);
    await actions.closeDialog(dialog);
    done.leverage = account!;
  });

  test('the audit trail lists both actions, its chain verifies, and it exports as CSV', async ({ page }) => {
    expect(done.deposit && done.leverage, 'the deposit and leverage tests ran first').toBeTruthy();
    const dp = new DeskPage(page);
    await dp.open(desk().url, DEALER);
    await page.getByTestId('tab-audit').click();
    await page.getByTestId('audit-operator').fill(DEALER.name);
    await page.getByTestId('audit-apply').click();

    await expect(async () => {
      const rows = await auditRows(page);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.operator).toBe(DEALER.name);
      expect(rows.some((r) => /^balance\.deposit/.test(r.action!) && r.login === String(done.deposit!.login))).toBe(
        true,
      );
      expect(rows.some((r) => /^account\.leverage/.test(r.action!) && r.login === String(done.leverage!.login))).toBe(
        true,
      );
    }).toPass({ timeout: 20_000 });

    await page.getByTestId('audit-verify').click();
    await expect(page.getByTestId('audit-verify-result')).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId('audit-verify-result')).toHaveText(/^OK: [\d,]+ entries/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain(DEALER.name);
    expect(csv).toMatch(/balance\.deposit/);
    expect(csv).toMatch(/account\.leverage/);
  });

  test('a dealer’s deposit above the limit is refused with the core’s message', async ({ page }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url, DEALER);
    const limits = await dp.core('limits.get', {});
    const account = (await deskCurrencyAccounts(dp)).at(-1)!;
    const tooMuch = limits.dealerMaxAmount + 1_000;

    const dialog = await new AccountActions(dp).openBalanceDialog(account);
    await dialog.getByTestId('balance-amount').fill(String(tooMuch));
    await dialog.getByTestId('dialog-send').click();
    const error = dialog.getByTestId('dialog-error');
    await expect(error).toBeVisible();
    await expect(error).toContainText(/limit/i);
    await expect(dialog.getByTestId('action-outcome')).toHaveCount(0);

    // Nothing was sent for it, and the refusal is in the audit trail.
    const sent = await dp.core('actions.list', { server: account.server, login: account.login });
    expect(sent.filter((a) => a.amount === tooMuch * 100)).toEqual([]);
    const refused = await dp.core('audit.list', { login: account.login, result: 'refused', limit: 50 });
    expect(refused.some((e) => e.operator === DEALER.name && e.action.startsWith('balance'))).toBe(true);
  });

  test('a deposit above the four-eyes line waits for a second operator, who approves it', async ({ page, browser }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url, DEALER);
    const limits = await dp.core('limits.get', {});
    const amount = limits.fourEyesAbove + 500;
    expect(amount, 'the four-eyes line is under the dealer limit').toBeLessThanOrEqual(limits.dealerMaxAmount);
    const account = (await deskCurrencyAccounts(dp))[1]!;

    const dialog = await new AccountActions(dp).openBalanceDialog(account);
    await dialog.getByTestId('balance-amount').fill(String(amount));
    await dialog.getByTestId('dialog-send').click();
    const outcome = dialog.getByTestId('action-outcome');
    await expect(outcome).toHaveAttribute('data-state', 'awaiting-approval');
    const id = (await outcome.getAttribute('data-id'))!;

    // The requester cannot approve their own operation.
    await new AccountActions(dp).closeDialog(dialog);
    await page.getByTestId('tab-actions').click();
    await expect(actionRow(page, id).locator('[col-id="state"]')).toHaveText('Awaiting approval');
    await expect(actionRow(page, id).getByTestId('action-approve')).toHaveCount(0);

    // The admin, in another window, approves it; the dealer's window sees it confirmed.
    const adminPage = await browser.newPage();
    try {
      const admin = new DeskPage(adminPage);
      await admin.open(desk().url, ADMIN);
      await adminPage.getByTestId('tab-actions').click();
      await actionRow(adminPage, id).getByTestId('action-approve').click();
      await expect(actionRow(adminPage, id).locator('[col-id="state"]')).toHaveText('Confirmed', { timeout: 30_000 });
      await expect(actionRow(adminPage, id).locator('[col-id="approvedBy"]')).toHaveText(ADMIN.name);
    } finally {
      await adminPage.close();
    }
    await expect(actionRow(page, id).locator('[col-id="state"]')).toHaveText('Confirmed', { timeout: 30_000 });
  });
});
