import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FRAME_MS } from './frame-batcher';
import { createHub } from './hub';
import { createFakeCore, positionRow } from './testing/fake-core';

const URL = 'app://desk/index.html';

function setup() {
  const core = createFakeCore();
  const hub = createHub(core, { isTrustedSender: (s) => s.url === URL, log: () => {} });
  const open = () => {
    const send = vi.fn();
    return { send, windowId: hub.openWindow({ send }) };
  };
  return { core, hub, open };
}

describe('hub', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives each window its own id', () => {
    const { open } = setup();
    expect(open().windowId).not.toBe(open().windowId);
  });

  it('sends a window nothing until it has asked desk.ready', async () => {
    const { core, hub, open } = setup();
    const window = open();
    core.emit('positions', { upserts: [positionRow(1)], removes: [] });
    vi.advanceTimersByTime(FRAME_MS * 5);
    expect(window.send).not.toHaveBeenCalled();

    expect(await hub.request(window.windowId, 'desk.ready', {}, URL)).toMatchObject({ ok: true });
    vi.advanceTimersByTime(FRAME_MS);
    expect(window.send).toHaveBeenCalledWith('positions', { upserts: [positionRow(1)], removes: [] });
  });

  it('stops streaming to a window as soon as its operator is signed out, until it is ready again', async () => {
    const { core, hub, open } = setup();
    const window = open();
    await hub.request(window.windowId, 'desk.ready', {}, URL);
    core.emit('positions', { upserts: [positionRow(1)], removes: [] });
    vi.advanceTimersByTime(FRAME_MS);
    expect(window.send).toHaveBeenCalledTimes(1);

    core.signedIn = undefined; // signed out, or disabled by an admin elsewhere
    core.emit('positions', { upserts: [positionRow(2)], removes: [] });
    vi.advanceTimersByTime(FRAME_MS * 5);
    expect(window.send).toHaveBeenCalledTimes(1);
    expect(await hub.request(window.windowId, 'desk.ready', {}, URL)).toMatchObject({ error: { code: 'signed_out' } });

    core.signedIn = { name: 'Dan', role: 'dealer' };
    await hub.request(window.windowId, 'desk.ready', {}, URL);
    core.emit('positions', { upserts: [positionRow(3)], removes: [] });
    vi.advanceTimersByTime(FRAME_MS);
    // Row 2 went while nobody was signed in: it is dropped, not delivered late.
    expect(window.send).toHaveBeenLastCalledWith('positions', { upserts: [positionRow(3)], removes: [] });
    expect(window.send).toHaveBeenCalledTimes(2);
  });

  it('routes deltas for every window to all, and a window-specific delta to that window only', async () => {
    const { core, hub, open } = setup();
    const [a, b] = [open(), open()];
    await hub.request(a.windowId, 'desk.ready', {}, URL);
    await hub.request(b.windowId, 'desk.ready', {}, URL);
    core.emit('accounts', { upserts: [], removes: ['demo:7'] });
    core.emit('positions', { upserts: [positionRow(3)], removes: [] }, a.windowId);
    vi.advanceTimersByTime(FRAME_MS);
    expect(a.send.mock.calls.map(([stream]) => stream)).toEqual(['positions', 'accounts']);
    expect(b.send.mock.calls.map(([stream]) => stream)).toEqual(['accounts']);
  });

  it('refuses requests from a closed window or a foreign page', async () => {
    const { hub, open } = setup();
    const window = open();
    expect(await hub.request(window.windowId, 'status.list', {}, 'https://evil.example/')).toMatchObject({
      error: { code: 'forbidden_sender' },
    });
    hub.closeWindow(window.windowId);
    expect(await hub.request(window.windowId, 'status.list', {}, URL)).toMatchObject({
      error: { code: 'forbidden_sender' },
    });
    expect(await hub.request('window-unknown', 'status.list', {}, URL)).toMatchObject({
      error: { code: 'forbidden_sender' },
    });
  });

  it('tells the core when a window closes, once, and stops its stream', async () => {
    const { core, hub, open } = setup();
    const window = open();
    await hub.request(window.windowId, 'desk.ready', {}, URL);
    hub.closeWindow(window.windowId);
    hub.closeWindow(window.windowId);
    core.emit('status', []);
    vi.advanceTimersByTime(FRAME_MS * 2);
    expect(core.closedWindows).toEqual([window.windowId]);
    expect(window.send).not.toHaveBeenCalled();
    expect(hub.openWindows).toBe(0);
  });

  it('does not mark a window ready when desk.ready fails', async () => {
    const core = createFakeCore({
      'desk.ready': () => {
        throw new Error('cache not open');
      },
    });
    const hub = createHub(core, { isTrustedSender: () => true, log: () => {} });
    const send = vi.fn();
    const windowId = hub.openWindow({ send });
    expect(await hub.request(windowId, 'desk.ready', {}, URL)).toMatchObject({ error: { code: 'internal' } });
    core.emit('status', []);
    vi.advanceTimersByTime(FRAME_MS * 2);
    expect(send).not.toHaveBeenCalled();
  });

  it('stops listening to the core and closes every window on close', () => {
    const { core, hub, open } = setup();
    open();
    open();
    hub.close();
    expect(core.listenerCount).toBe(0);
    expect(core.closedWindows).toHaveLength(2);
  });
});
