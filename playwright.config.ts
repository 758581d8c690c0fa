import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the built desk (`npm run test:e2e` builds first). Each spec file starts
 * its own browser-mode desk (tests/e2e/fixtures.ts) with a fresh data folder and a seeded
 * simulator, so files never share state. Playwright's own browser download is not available:
 * the system Chromium is used.
 */
export const CHROMIUM_PATH = process.env.DESK_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // The desk starts, syncs a simulated book and streams it; give that room on a slow CI machine.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    headless: true,
    viewport: { width: 1600, height: 1000 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
    },
  },
});
