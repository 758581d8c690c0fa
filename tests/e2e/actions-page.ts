/**
 * Page objects for dealer actions: the account menu and dialogs, the Actions panel, the audit view
 * and the admin's operator list. They hide test ids, not behaviour: every step is what an operator
 * does with the mouse or the keyboard.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { RequestOutput } from '../../shared/contract';
import { CREDIT_ACTIONS } from '../../shared/mt5';
import type { AccountRow } from '../../shared/rows';
import type { DeskPage, OperatorLogin } from './fixtures';

export type Deal = RequestOutput<'deals.list'>[number];

/** What a deal does to the balance on an MT5 server: credit-side deals leave it alone (UserBalanceCheck). */
export const balanceEffect = (deal: Deal): number =>
  CREDIT_ACTIONS.has(deal.action) ? 0 : deal.profit + deal.commission + deal.swap;

/** Every deal of one account as the core has it now. */
export async function dealsOf(dp: DeskPage, account: Pick<AccountRow, 'server' | 'login'>): Promise<Deal[]> {
  return dp.core('deals.list', {
    server: account.server,
    login: account.login,
    fromMsc: 0,
    toMsc: Number.MAX_SAFE_INTEGER,
    limit: 10_000,
  });
}

/**
 * The account among `candidates` that trades least: one that never traded (the simulator has such
 * clients: only balance deals) if there is one, else the one with the fewest of the server's latest
 * deals. The server's latest deals narrow the field in one request; then a few accounts absent
 * from them are looked at one by one (a loaded machine answers slowly, so only a few).
 */
export async function quietAccount(dp: DeskPage, candidates: readonly AccountRow[]): Promise<AccountRow> {
  const first = candidates[0];
  if (!first) throw new Error('no account to choose from');
  const onServer = candidates.filter((a) => a.server === first.server);
  const recent = await dp.core('deals.list', {
    server: first.server,
    fromMsc: 0,
    toMsc: Number.MAX_SAFE_INTEGER,
    limit: 5_000,
  });
  const dealsOfLogin = new Map<number, number>();
  for (const deal of recent) dealsOfLogin.set(deal.login, (dealsOfLogin.get(deal.login) ?? 0) + 1);
  const byRecentDeals = [...onServer].sort(
    (a, b) => (dealsOfLogin.get(a.login) ?? 0) - (dealsOfLogin.get(b.login) ?? 0),
  );
  for (const account of byRecentDeals.slice(0, 12)) {
    if ((dealsOfLogin.get(account.login) ?? 0) > 0) break;
    const deals = await dealsOf(dp, account);
    if (deals.every((d) => d.symbol === '')) return account;
  }
  return byRecentDeals[0]!;
}

/**
 * An account's balance together with the deals it is made of, read so the two belong together:
 * the deal list is read before and after the balance and must not have changed in between.
 */
export async function ledgerOf(
  dp: DeskPage,
  account: Pick<AccountRow, 'id' | 'server' | 'login'>,
): Promise<{ balance: number; tickets: Set<number> }> {
  let result: { balance: number; tickets: Set<number> } | null = null;
  await expect(async () => {
    const first = await dealsOf(dp, account);
    const row = (await dp.core('accounts.list', { server: account.server, login: account.login })).find(
      (a) => a.id === account.id,
    );
    const second = await dealsOf(dp, account);
    expect(row, `account ${account.id}`).toBeDefined();
    expect(second.map((d) => d.ticket)).toEqual(first.map((d) => d.ticket));
    result = { balance: row!.balance, tickets: new Set(second.map((d) => d.ticket)) };
  }).toPass({ timeout: 90_000 });
  return result!;
}

export class AccountActions {
  constructor(
    readonly dp: DeskPage,
    readonly page: Page = dp.page,
  ) {}

  /** Narrows the Accounts grid to the account (so its row is drawn) and right-clicks it. */
  async openMenu(account: Pick<AccountRow, 'id' | 'login'>): Promise<Locator> {
    await this.page.getByTestId('tab-accounts').click();
    await this.dp.filter('login').fill(String(account.login));
    await this.dp.cell('accounts', account.id, 'balance').click({ button: 'right' });
    const menu = this.page.getByTestId('account-menu');
    await expect(menu).toBeVisible();
    return menu;
  }

  async openBalanceDialog(account: Pick<AccountRow, 'id' | 'login'>): Promise<Locator> {
    const menu = await this.openMenu(account);
    await menu.getByTestId('menu-balance').click();
    const dialog = this.page.getByTestId('balance-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('dialog-account')).toHaveAttribute('data-login', String(account.login));
    return dialog;
  }

  async closeDialog(dialog: Locator): Promise<void> {
    await dialog.getByTestId('dialog-close').click();
    await expect(dialog).toBeHidden();
  }
}

export function actionRow(page: Page, id: string): Locator {
  return page.getByTestId('actions-grid').locator(`.ag-row[row-id="${id}"]`);
}

export async function addOperator(page: Page, who: OperatorLogin, role: 'dealer' | 'risk' | 'admin'): Promise<void> {
  await page.getByTestId('tab-admin').click();
  const form = page.getByTestId('add-operator');
  await form.getByTestId('new-operator-name').fill(who.name);
  await form.getByTestId('new-operator-role').selectOption(role);
  await form.getByTestId('new-operator-password').fill(who.password);
  await form.getByTestId('new-operator-password-again').fill(who.password);
  await form.getByTestId('new-operator-add').click();
  await expect(form.getByTestId('new-operator-added')).toContainText(who.name);
}

/** The audit grid's rows as { action, login, result, operator } (few rows: all drawn). */
export async function auditRows(page: Page): Promise<Record<string, string>[]> {
  return page
    .getByTestId('audit-grid')
    .locator('.ag-row[row-id]')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Object.fromEntries(
          ['action', 'login', 'result', 'operator', 'message'].map((c) => [
            c,
            row.querySelector(`[col-id="${c}"]`)?.textContent?.trim() ?? '',
          ]),
        ),
      ),
    );
}
