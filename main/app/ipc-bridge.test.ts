import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_REQUEST_CHANNEL } from '../../shared/wire';
import { FRAME_MS } from '../ipc/frame-batcher';
import { createHub } from '../ipc/hub';
import { createFakeCore } from '../ipc/testing/fake-core';
import { DESK_START_URL, isDeskUrl } from './desk-url';
import { connectIpc, createDeskWindows } from './ipc-bridge';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** Just enough of a WebContents: an id, events, send. */
function fakeContents(id: number) {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const contents = {
    id,
    sent: [] as unknown[][],
    destroyed: false,
    isDestroyed: () => contents.destroyed,
    send: (...args: unknown[]) => contents.sent.push(args),
    on: (event: string, handler: (...args: unknown[]) => void) => handlers.set(event, handler),
    once: (event: string, handler: (...args: unknown[]) => void) => handlers.set(event, handler),
    emit: (event: string, ...args: unknown[]) => handlers.get(event)?.(...args),
  };
  return contents;
}

function setup() {
  const core = createFakeCore();
  const hub = createHub(core, { isTrustedSender: (s) => isDeskUrl(s.url), log: () => {} });
  const windows = createDeskWindows(hub);
  let handler: Handler | undefined;
  const ipc = {
    handle(channel: string, registered: Handler) {
      if (channel === IPC_REQUEST_CHANNEL) handler = registered;
    },
  };
  connectIpc(ipc as unknown as IpcMain, hub, windows);
  const contents = fakeContents(1);
  windows.bind(contents as unknown as WebContents);
  const invoke = (channel: unknown, input: unknown, frame: { url: string; parent: unknown } | null = topFrame) =>
    handler!({ sender: contents, senderFrame: frame } as unknown as IpcMainInvokeEvent, channel, input);
  return { core, hub, contents, invoke };
}
const topFrame = { url: DESK_START_URL, parent: null };

describe('Electron IPC bridge', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answers a desk page through the router', async () => {
    const { invoke } = setup();
    expect(await invoke('sim.control', { speed: 3 })).toEqual({ ok: true, value: { speed: 3 } });
    expect(await invoke('sim.control', { speed: 'x' })).toMatchObject({ error: { code: 'bad_request' } });
    expect(await invoke(42, {})).toMatchObject({ error: { code: 'unknown_channel' } });
  });

  it('refuses a foreign page, a subframe and a gone frame', async () => {
    const { invoke } = setup();
    for (const frame of [
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/index.html', parent: null },
      { url: DESK_START_URL, parent: topFrame },
      null,
    ]) {
      expect(await invoke('status.list', {}, frame)).toMatchObject({ error: { code: 'forbidden_sender' } });
    }
  });

  it('streams to the window on its own channel after desk.ready', async () => {
    const { core, contents, invoke } = setup();
    await invoke('desk.ready', {});
    core.emit('status', []);
    vi.advanceTimersByTime(FRAME_MS);
    expect(contents.sent).toEqual([['desk:stream:status', []]]);
  });

  it('gives a reloaded page a fresh window that waits for desk.ready again', async () => {
    const { core, contents, invoke } = setup();
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false }); // the first load
    await invoke('desk.ready', {});
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true }); // a hash change
    expect(core.closedWindows).toHaveLength(0);
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false }); // a reload
    expect(core.closedWindows).toHaveLength(1);
    core.emit('status', []);
    vi.advanceTimersByTime(FRAME_MS);
    expect(contents.sent).toEqual([]);
  });

  it('closes the window in the hub when its contents are destroyed', async () => {
    const { core, hub, contents, invoke } = setup();
    contents.destroyed = true;
    contents.emit('destroyed');
    expect(hub.openWindows).toBe(0);
    expect(core.closedWindows).toHaveLength(1);
    expect(await invoke('status.list', {})).toMatchObject({ error: { code: 'forbidden_sender' } });
  });
});
