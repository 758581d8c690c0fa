/**
 * Browser mode's two halves together: the renderer's WebSocket client against the real web host
 * on loopback (the core is the ipc layer's fake). The e2e tests add Chromium on top of this.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createFakeCore, type FakeCore, positionRow } from '../../main/ipc/testing/fake-core';
import { createRendererFixture, type RendererFixture } from '../../main/web/testing/renderer-fixture';
import { startWebHost, type WebHost } from '../../main/web/web-host';
import { createWsDesk, DeskConnectionError, deskSocketUrl, type SocketLike } from '../../renderer/api/ws-client';

describe('WebSocket transport, client and host', () => {
  let fixture: RendererFixture;
  let core: FakeCore;
  let host: WebHost;

  beforeAll(async () => {
    fixture = await createRendererFixture();
    core = createFakeCore();
    host = await startWebHost({ core, rendererDir: fixture.rendererDir, port: 0, frameMs: 10, log: () => {} });
  });
  afterAll(async () => {
    await host.close();
    await fixture.cleanUp();
  });

  const pageUrl = () => new URL(host.url);
  // A browser sends its page's Origin by itself; the Node client has to be told.
  const openSocket = (url: string) => new WebSocket(url, { origin: host.origin }) as unknown as SocketLike;

  it('requests, streams and closes like a browser tab', async () => {
    const desk = createWsDesk({ url: deskSocketUrl(pageUrl()), openSocket });
    const frames: unknown[] = [];
    desk.subscribe('positions', (delta) => frames.push(delta));
    expect(await desk['desk.ready']({})).toMatchObject({ ok: true, value: { deskCurrency: 'USD' } });
    expect(await desk['positions.list']({ login: 1001 })).toMatchObject({
      ok: true,
      value: [{ ticket: 1 }, { ticket: 2 }],
    });
    expect(await desk['deals.list']({ fromMsc: 5, toMsc: 1 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });

    core.emit('positions', { upserts: [positionRow(4, { profit: 1 })], removes: [] });
    core.emit('positions', { upserts: [positionRow(4, { profit: 2 })], removes: [] });
    await expect.poll(() => frames).toEqual([{ upserts: [positionRow(4, { profit: 2 })], removes: [] }]);
    desk.close();
  });

  it('rejects in-flight requests when the host goes away', async () => {
    const slowCore = createFakeCore({ 'status.list': () => new Promise(() => {}) });
    const slowHost = await startWebHost({ core: slowCore, rendererDir: fixture.rendererDir, port: 0, log: () => {} });
    const desk = createWsDesk({
      url: deskSocketUrl(new URL(slowHost.url)),
      openSocket: (url) => new WebSocket(url, { origin: slowHost.origin }) as unknown as SocketLike,
    });
    const pending = desk['status.list']({});
    await expect.poll(() => desk.state).toBe('open');
    await slowHost.close();
    await expect(pending).rejects.toBeInstanceOf(DeskConnectionError);
    desk.close();
  });

  it('is refused without the right token', async () => {
    const page = pageUrl();
    const url = deskSocketUrl({ protocol: page.protocol, host: page.host, search: '?token=guess' });
    expect(url).toBe(`ws://127.0.0.1:${host.port}/desk?token=guess`);
    const desk = createWsDesk({ url, openSocket, firstRetryMs: 10_000 });
    await expect(desk['status.list']({})).rejects.toBeInstanceOf(DeskConnectionError);
    desk.close();
  });
});
