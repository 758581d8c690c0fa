import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFakeCore } from '../ipc/testing/fake-core';
import { browserModeBanner, startBrowserMode } from './browser-mode';
import { LaunchOptionsError } from './launch-options';
import { createRendererFixture, type RendererFixture } from './testing/renderer-fixture';

describe('browser mode', () => {
  let fixture: RendererFixture;
  let dataRoot: string;
  beforeAll(async () => {
    fixture = await createRendererFixture();
    dataRoot = await mkdtemp(path.join(tmpdir(), 'desk-data-'));
  });
  afterAll(async () => {
    await fixture.cleanUp();
    await rm(dataRoot, { recursive: true, force: true });
  });

  it('builds the core from the environment, serves it, and stops both', async () => {
    const core = { ...createFakeCore(), start: vi.fn(), stop: vi.fn(async () => {}) };
    const createCore = vi.fn(() => core);
    const dataDir = path.join(dataRoot, 'desk');
    const desk = await startBrowserMode({
      env: { DESK_DATA_DIR: dataDir, DESK_SIM_SEED: '7', DESK_SIM_CLIENTS: '50' },
      createCore,
      rendererDir: fixture.rendererDir,
      log: () => {},
    });
    expect(createCore).toHaveBeenCalledWith(
      expect.objectContaining({ dataDir, simulator: { seed: 7, speed: 1, clients: 50 } }),
    );
    expect(core.start).toHaveBeenCalled();
    expect(browserModeBanner(desk.host.url)).toMatch(
      /^Dealer Desk \(browser mode\): http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/,
    );
    await Promise.all([desk.stop(), desk.stop()]);
    expect(core.stop).toHaveBeenCalledTimes(1);
  });

  it('refuses bad settings before building anything', async () => {
    const createCore = vi.fn();
    await expect(
      startBrowserMode({ env: { DESK_PORT: 'eighty' }, createCore, rendererDir: fixture.rendererDir, log: () => {} }),
    ).rejects.toBeInstanceOf(LaunchOptionsError);
    expect(createCore).not.toHaveBeenCalled();
  });
});
