/**
 * The desk on a real protocol: the simulator serves the MT5 Web API over HTTPS on 127.0.0.1 (its
 * own self-signed certificate), and browser mode connects to it through DESK_SERVERS_FILE instead
 * of running the embedded simulator. The window shows the server live with its accounts, the
 * figures equal what the server reports, the connection dialog lists it as connected and its test
 * logs in, and a deposit made from the desk arrives on the server exactly once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startWebApiServer, type WebApiServer } from '../../main/sources/simulator/webapi';
import { type BrowserModeDesk, DeskPage, launchBrowserMode } from './fixtures';

const SERVER_ID = 'mt5-sim';
let server: WebApiServer;
let desk: BrowserModeDesk;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startWebApiServer({ simulator: { seed: 11, clients: 60, initialPositions: 200 }, speed: 5 });
  dir = mkdtempSync(path.join(tmpdir(), 'desk-webapi-e2e-'));
  writeFileSync(path.join(dir, 'sim-ca.pem'), server.certPem);
  const manager = server.managers[0]!;
  const file = path.join(dir, 'servers.json');
  writeFileSync(
    file,
    JSON.stringify({
      servers: [
        {
          id: SERVER_ID,
          name: 'Simulator over HTTPS',
          url: server.url,
          login: manager.login,
          passwordEnv: 'SIM_MANAGER_PASSWORD',
          caFile: 'sim-ca.pem',
        },
      ],
    }),
  );
  desk = await launchBrowserMode({ env: { DESK_SERVERS_FILE: file, SIM_MANAGER_PASSWORD: manager.password } });
});

test.afterAll(async () => {
  await desk?.dispose();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('browser mode reads an MT5 server over the Web API, tests it, and deposits once', async ({ page }) => {
  test.setTimeout(180_000);
  const dp = new DeskPage(page);
  await dp.open(desk.url);

  // The desk's one server is the Web API one, live; no embedded simulator runs.
  await expect
    .poll(async () => (await dp.core('status.list', {})).map((s) => `${s.server}:${s.state}`), { timeout: 60_000 })
    .toEqual([`${SERVER_ID}:live`]);
  const truth = server.simulator.truth();
  await expect
    .poll(async () => (await dp.core('accounts.list', {})).length, { timeout: 60_000 })
    .toBe(truth.accounts.size);

  // A figure in the grid is the server's own: balance of one account, to the cent.
  const [login, account] = [...truth.accounts.entries()].find(([, a]) => a.balance > 0)!;
  await page.getByTestId('tab-accounts').click();
  await dp.filter('login').fill(String(login));
  const rowId = `${SERVER_ID}:${login}`;
  const shownBalance = async () => Number((await dp.cell('accounts', rowId, 'balance').innerText()).replace(/,/g, ''));
  // The account keeps trading, so the grid is compared with the server as it stands at each look.
  const serverBalance = () => (server.simulator.truth().accounts.get(login)?.balance ?? Number.NaN) / 100;
  await expect.poll(async () => (await shownBalance()) - serverBalance()).toBe(0);
  expect(account.login).toBe(login);

  // The connection dialog: read-only in browser mode, the server connected, and its test logs in.
  await page.getByTestId('tab-admin').click();
  const row = page.locator(`[data-testid="connection-row"][data-id="${SERVER_ID}"]`);
  await expect(row).toContainText(server.url);
  await expect(page.getByTestId('connections-launch-file')).toContainText('DESK_SERVERS_FILE');
  await page.getByTestId('connection-test').click();
  await expect(page.getByTestId('connection-test-result')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('connection-test-result')).toContainText(
    String(server.simulator.catalog.symbols.length),
  );

  // A deposit through the desk's actions path reaches the server once, with its CRM id in the comment.
  const action = await dp.core('actions.balance', {
    server: SERVER_ID,
    login,
    kind: 'deposit',
    amount: '321.09',
    note: 'e2e',
  });
  await expect
    .poll(
      async () => (await dp.core('actions.list', { server: SERVER_ID, login })).find((a) => a.id === action.id)?.state,
      {
        timeout: 60_000,
      },
    )
    .toBe('confirmed');
  const balanceDeals = server.simulator
    .truth()
    .deals.filter((d) => d.login === login && d.comment.split(' ')[0] === action.id);
  expect(balanceDeals).toHaveLength(1);
  expect(balanceDeals[0]?.profit).toBe(32_109);
  await page.getByTestId('tab-accounts').click();
  await expect.poll(async () => (await shownBalance()) - serverBalance()).toBe(0);
});
