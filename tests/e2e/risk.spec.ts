/**
 * The risk manager's view in browser mode: exposure by symbol with drill-down to the positions
 * behind a row, the alerts pane with acknowledge and snooze, the concentration thresholds editor,
 * and a margin call after a market shock in the simulator. The tests of this file share one desk
 * and run in order: the lowered threshold and the shock stay in force for the ones after.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { DeskPage, deskForThisFile } from './fixtures';

const desk = deskForThisFile();

/**
 * Runs in the page before the desk: records every AudioContext the desk makes, and in order each
 * state one goes through and each tone it starts. The contexts are Chromium's own; only watched.
 */
function listenToAudio(): void {
  const Real = window.AudioContext;
  const heard = { contexts: [] as AudioContext[], log: [] as string[] };
  window.AudioContext = class extends Real {
    constructor(options?: AudioContextOptions) {
      super(options);
      heard.contexts.push(this);
      this.addEventListener('statechange', () => heard.log.push(this.state));
    }
    override createOscillator(): OscillatorNode {
      const oscillator = super.createOscillator();
      const start = oscillator.start.bind(oscillator);
      oscillator.start = (when?: number) => {
        heard.log.push('tone');
        start(when);
      };
      return oscillator;
    }
  };
  (window as unknown as { __heard: typeof heard }).__heard = heard;
}

/** What the desk's audio has done so far, as `listenToAudio` recorded it. */
function audio(page: Page): Promise<{ contexts: number; state: string | null; log: string[]; tones: number }> {
  return page.evaluate(() => {
    const heard = (window as unknown as { __heard: { contexts: AudioContext[]; log: string[] } }).__heard;
    return {
      contexts: heard.contexts.length,
      state: heard.contexts[0]?.state ?? null,
      log: heard.log,
      tones: heard.log.filter((entry) => entry === 'tone').length,
    };
  });
}

/** The alerts pane, as a risk manager sees it. */
class AlertsPane {
  constructor(readonly page: Page) {}

  cards(filter: { rule?: string; state?: string; level?: string } = {}): Locator {
    const attrs = Object.entries(filter)
      .map(([k, v]) => `[data-${k}="${v}"]`)
      .join('');
    return this.page.locator(`[data-testid="alert-card"]${attrs}`);
  }

  card(key: string): Locator {
    return this.page.locator(`[data-testid="alert-card"][data-key="${key}"]`);
  }

  async keys(filter: { rule?: string } = {}): Promise<string[]> {
    return this.cards(filter).evaluateAll((cards) => cards.map((c) => c.getAttribute('data-key') ?? ''));
  }
}

async function openThresholds(page: Page): Promise<void> {
  if (!(await page.getByTestId('thresholds-editor').isVisible())) await page.getByTestId('thresholds-toggle').click();
  await expect(page.getByTestId('thresholds-notionalWarn')).toBeEnabled();
}

test.describe('exposure and alerts', () => {
  test.describe.configure({ mode: 'serial' });

  test('the thresholds editor shows the core’s refusal, then lowers the concentration limit', async ({ page }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url);
    await openThresholds(page);

    // Critical under warn: the editor sends it as typed, and shows why the core refused it.
    await page.getByTestId('thresholds-notionalWarn').fill('2,000,000');
    await page.getByTestId('thresholds-notionalCritical').fill('1,000');
    await page.getByTestId('thresholds-save').click();
    await expect(page.getByTestId('thresholds-error')).toContainText('critical must be at or above warn');
    expect((await dp.core('alerts.settings', {})).concentration.notional.warn).toBe(500_000_000);

    // A limit the simulator's ordinary flow crosses at once; critical out of reach.
    await page.getByTestId('thresholds-notionalWarn').fill('1,000');
    await page.getByTestId('thresholds-notionalCritical').fill('1000000000000');
    await page.getByTestId('thresholds-save').click();
    await expect(page.getByTestId('thresholds-saved')).toBeVisible();
    const saved = await dp.core('alerts.settings', {});
    expect(saved.concentration.notional).toEqual({ warn: 100_000, critical: 100_000_000_000_000 });
    // The rest of the document went back as it was.
    expect(saved.margin).toEqual((await dp.core('alerts.settings', {})).margin);
  });

  test('a concentration breach appears, is acknowledged, and its symbol drills down to its positions', async ({
    page,
  }) => {
    // Alerts, their history, exposure and drill-down in one story: more than the default budget.
    test.setTimeout(240_000);
    const dp = new DeskPage(page);
    const alerts = new AlertsPane(page);
    await dp.open(desk().url);

    await expect(alerts.cards({ rule: 'concentration', state: 'open' }).first()).toBeVisible({ timeout: 30_000 });
    // The breach furthest past its limit: the live market cannot clear it while the test acts on it.
    const [furthest] = (await dp.core('alerts.list', {}))
      .filter((a) => a.rule === 'concentration' && a.state === 'open')
      .sort((a, b) => b.value / b.threshold - a.value / a.threshold);
    expect(furthest, 'an open concentration alert').toBeDefined();
    const { key, subject: symbol } = furthest!;
    // Concentration is per server and symbol, so its alerts always name their server.
    const server = furthest!.server!;
    const card = alerts.card(key);
    await expect(card).toHaveAttribute('data-state', 'open');
    await expect(card).toHaveAttribute('data-level', /warn|critical/);
    await expect(card.getByTestId('alert-value')).toContainText(/USD vs limit [\d,.]+ USD|% vs limit/);

    await card.getByTestId('alert-acknowledge').click();
    await expect(card).toHaveAttribute('data-state', 'acknowledged');
    const acknowledged = (await dp.core('alerts.list', {})).find((a) => a.key === key)!;
    expect(acknowledged.state).toBe('acknowledged');
    expect(acknowledged.acknowledgedBy).toBeTruthy();
    await expect(card.getByTestId('alert-state')).toContainText(`Acknowledged by ${acknowledged.acknowledgedBy}`);
    await expect(card.getByTestId('alert-acknowledge')).toBeDisabled();

    // Snooze another one for 15 minutes: the one furthest past its limit, so the live market cannot
    // clear it (and resolve it) while the test looks.
    const others = (await dp.core('alerts.list', {}))
      .filter((a) => a.rule === 'concentration' && a.state === 'open' && a.key !== key)
      .sort((a, b) => b.value / b.threshold - a.value / a.threshold);
    const other = others[0];
    expect(other, 'a second open concentration alert to snooze').toBeDefined();
    await alerts.card(other!.key).getByTestId('alert-snooze-15').click();
    await expect(alerts.card(other!.key)).toHaveAttribute('data-state', 'snoozed');
    await expect(alerts.card(other!.key).getByTestId('alert-state')).toContainText('Snoozed by');
    const history = await dp.core('alerts.history', { key: other!.key });
    expect(history.some((h) => h.kind === 'snoozed' && h.by === acknowledged.acknowledgedBy)).toBe(true);

    // The alert history view: the acknowledged alert's story, opened by the desk, acknowledged by name.
    await page.getByTestId('tab-alert-history').click();
    await page.getByTestId('alert-history-key').fill(key);
    await page.getByTestId('alert-history-apply').click();
    const story = page.getByTestId('alert-history-grid').locator('.ag-row[row-id]');
    await expect(story.filter({ hasText: 'opened' }).first()).toBeVisible();
    await expect(story.filter({ hasText: 'acknowledged' }).first()).toContainText(acknowledged.acknowledgedBy!);

    // The exposure panel's Symbol tab has that symbol; its positions are all of that symbol.
    await page.getByTestId('tab-exposure').click();
    await expect(page.getByTestId('positions-grid')).toBeHidden();
    await page.getByTestId('exposure-tab-symbol').click();
    const grid = page.getByTestId('exposure-grid');
    // Server and symbol are pinned: a row is drawn in two containers, so address its cells.
    const cell = (col: string) => grid.locator(`.ag-row[row-id="${server}:${symbol}"] [col-id="${col}"]`);
    await expect(cell('symbol')).toHaveText(symbol);
    await expect(cell('brokerNetNotional')).toHaveClass(/cell-long|cell-short/);

    const behind = await dp.core('exposure.positions', { tab: 'symbol', server, symbol });
    expect(behind.length).toBeGreaterThan(0);
    await cell('brokerNetLots').click();
    await expect(page.getByTestId('drill-title')).toHaveText(`${symbol} on ${server}`);
    await expect
      .poll(async () => Number(await page.getByTestId('drill-count').getAttribute('data-count')))
      .toBeGreaterThan(0);
    const listed = await page
      .getByTestId('drill-grid')
      .locator('.ag-row[row-id] [col-id="symbol"]')
      .evaluateAll((cells) => cells.map((c) => c.textContent?.trim() ?? ''));
    expect(listed.length).toBeGreaterThan(0);
    for (const s of listed) expect(s).toBe(symbol);
    await expect(page.getByTestId('symbol-chart')).toBeVisible();

    // Esc closes the drill-down; the other tabs have rows too.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('drill-down')).toHaveCount(0);
    for (const tab of ['asset', 'group', 'region', 'book'] as const) {
      await page.getByTestId(`exposure-tab-${tab}`).click();
      await expect(grid.locator('.ag-row[row-id]').first()).toBeVisible();
    }
    await page.getByTestId('exposure-tab-group').click();
    await grid.locator('.ag-row[row-index="0"] [col-id="brokerNetLots"]').click();
    await expect
      .poll(async () => Number(await page.getByTestId('drill-count').getAttribute('data-count')))
      .toBeGreaterThan(0);
    await expect(page.getByTestId('symbol-chart')).toHaveCount(0);

    // Split, Positions and Accounts still work.
    await page.getByTestId('tab-split').click();
    await expect(page.getByTestId('positions-grid')).toBeVisible();
    await expect(page.getByTestId('accounts-grid')).toBeVisible();
  });

  test('a market shock brings margin-call alerts, and a critical one rings', async ({ page, context }) => {
    const dp = new DeskPage(page);
    const alerts = new AlertsPane(page);
    await context.grantPermissions(['notifications'], { origin: desk().origin });
    await page.addInitScript(listenToAudio);
    await dp.open(desk().url);
    // Signing in was a click: the beep's context exists, and it is quiet while nothing rings.
    await expect.poll(() => audio(page)).toMatchObject({ contexts: 1, state: 'suspended' });
    await expect(page.getByTestId('notifications-state')).toHaveAttribute('data-permission', 'granted');

    const before = new Set(await alerts.keys({ rule: 'margin' }));
    // The symbol clients hold most of, pushed hard against them.
    const exposure = await dp.core('exposure.snapshot', {});
    const busiest = [...exposure.symbols].sort(
      (a, b) => b.clientBuyLots + b.clientSellLots - (a.clientBuyLots + a.clientSellLots),
    )[0]!;
    const percent = busiest.clientNetLots >= 0 ? -30 : 30;
    await dp.core('sim.shock', { symbol: busiest.symbol, percent });

    await expect
      .poll(async () => (await alerts.keys({ rule: 'margin' })).filter((k) => !before.has(k)).length, {
        timeout: 45_000,
        message: `no margin alert after ${busiest.symbol} moved ${percent}%`,
      })
      .toBeGreaterThan(0);
    // A 30% gap takes some accounts to stop-out: critical, so the pane's badge counts it and it rang.
    const critical = alerts.cards({ rule: 'margin', level: 'critical' });
    await expect.poll(() => critical.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    test.info().annotations.push({ type: 'critical margin alerts', description: String(await critical.count()) });
    await expect(page.getByTestId('alerts-critical-count')).not.toHaveAttribute('data-count', '0');
    await expect
      .poll(async () => Number(await page.getByTestId('alerts-panel').getAttribute('data-rung')))
      .toBeGreaterThan(0);
    // The beep sounded (its context resumed with no click this time), then the context went quiet again.
    await expect
      .poll(async () => {
        const heard = await audio(page);
        return heard.contexts === 1 && heard.tones >= 2 && heard.state === 'suspended';
      })
      .toBe(true);
    const { log } = await audio(page);
    expect(log.lastIndexOf('suspended')).toBeGreaterThan(log.lastIndexOf('tone'));
    const margin = alerts.cards({ rule: 'margin' }).first();
    await expect(margin.getByTestId('alert-value')).toContainText(/vs limit/);
  });

  test('alert cards out of view are not rendered until they scroll in', async ({ page }) => {
    const dp = new DeskPage(page);
    const alerts = new AlertsPane(page);
    await dp.open(desk().url);
    // After the shock above the pane holds more cards than it can show.
    await expect.poll(() => alerts.cards().count(), { timeout: 30_000 }).toBeGreaterThan(15);
    const list = page.getByTestId('alert-list');
    await list.evaluate((el) => {
      el.scrollTop = 0;
    });
    // checkVisibility with contentVisibilityAuto is false while the browser skips a card's content.
    const rendered = (card: Locator) =>
      card.evaluate((el) => (el.firstElementChild as Element).checkVisibility({ contentVisibilityAuto: true }));
    // New alerts keep arriving at the top, pushing older cards down: the card at the top is
    // whichever is first at each look, with the list held at its top. The far card, by key, only
    // moves further down.
    await expect
      .poll(async () => {
        await list.evaluate((el) => {
          el.scrollTop = 0;
        });
        return rendered(alerts.cards().first());
      })
      .toBe(true);
    const far = alerts.card((await alerts.keys())[15] as string);
    await expect.poll(() => rendered(far)).toBe(false);
    await far.scrollIntoViewIfNeeded();
    await expect.poll(() => rendered(far)).toBe(true);
    await expect(far.getByTestId('alert-subject')).toBeVisible();
  });

  test('screenshot of the risk view', async ({ page }) => {
    const dp = new DeskPage(page);
    await dp.open(desk().url);
    await page.getByTestId('tab-exposure').click();
    await page.getByTestId('exposure-grid').locator('.ag-row[row-index="0"] [col-id="brokerNetLots"]').click();
    await expect
      .poll(async () => Number(await page.getByTestId('drill-count').getAttribute('data-count')))
      .toBeGreaterThan(0);
    await expect(page.getByTestId('alert-card').first()).toBeVisible();
    await page.waitForTimeout(2_500); // let the chart draw a few points
    await page.screenshot({ path: 'docs/risk.png' });
  });
});
