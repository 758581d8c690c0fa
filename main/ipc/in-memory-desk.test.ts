import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FRAME_MS } from './frame-batcher';
import { createHub } from './hub';
import { createInMemoryDesk, IN_MEMORY_URL, openInMemoryWindow, wireCopy } from './in-memory-desk';
import { createFakeCore, positionRow } from './testing/fake-core';

describe('in-memory desk', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('offers one function per contract request and answers through the router', async () => {
    const desk = createInMemoryDesk(createFakeCore());
    expect(await desk['positions.list']({ login: 1001 })).toMatchObject({
      ok: true,
      value: [{ ticket: 1 }, { ticket: 2 }],
    });
    expect(await desk['positions.list']({ login: -1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await desk['sim.control']({ speed: 0 })).toEqual({ ok: true, value: { speed: 0 } });
  });

  it('streams coalesced frames to subscribers after desk.ready, and stops after unsubscribe', async () => {
    const core = createFakeCore();
    const desk = createInMemoryDesk(core);
    const positions = vi.fn();
    const unsubscribe = desk.subscribe('positions', positions);
    await desk['desk.ready']({});
    core.emit('positions', { upserts: [positionRow(1, { profit: 1 })], removes: [] });
    core.emit('positions', { upserts: [positionRow(1, { profit: 2 })], removes: [] });
    vi.advanceTimersByTime(FRAME_MS);
    expect(positions.mock.calls).toEqual([[{ upserts: [positionRow(1, { profit: 2 })], removes: [] }]]);

    unsubscribe();
    core.emit('positions', { upserts: [positionRow(1)], removes: [] });
    vi.advanceTimersByTime(FRAME_MS);
    expect(positions).toHaveBeenCalledTimes(1);
  });

  it('hands subscribers a copy, not the core’s own objects', async () => {
    const core = createFakeCore();
    const desk = createInMemoryDesk(core);
    const row = positionRow(1);
    let received: unknown;
    desk.subscribe('positions', (payload) => {
      received = payload.upserts[0];
    });
    await desk['desk.ready']({});
    core.emit('positions', { upserts: [row], removes: [] });
    vi.advanceTimersByTime(FRAME_MS);
    expect(received).toEqual(row);
    expect(received).not.toBe(row);
  });

  it('reports a reply that could not cross a process boundary', async () => {
    const desk = createInMemoryDesk(createFakeCore({ 'layout.get': () => ({ onChange: () => {} }) }));
    await expect(desk['layout.get']({ key: 'positions' })).rejects.toThrow(/could not be cloned/);
  });

  it('refuses to subscribe to a stream the contract does not have', () => {
    const desk = createInMemoryDesk(createFakeCore());
    expect(() => desk.subscribe('ticks' as never, () => {})).toThrow(/no stream named 'ticks'/);
  });

  it('keeps windows apart on one hub, and closing one tells the core', async () => {
    const core = createFakeCore();
    const hub = createHub(core, { isTrustedSender: (s) => s.url === IN_MEMORY_URL });
    const [left, right] = [openInMemoryWindow(hub), openInMemoryWindow(hub)];
    const [leftRows, rightRows] = [vi.fn(), vi.fn()];
    left.subscribe('positions', leftRows);
    right.subscribe('positions', rightRows);
    await left['desk.ready']({});
    await right['desk.ready']({});
    core.emit('positions', { upserts: [positionRow(5)], removes: [] }, right.windowId);
    vi.advanceTimersByTime(FRAME_MS);
    expect(leftRows).not.toHaveBeenCalled();
    expect(rightRows).toHaveBeenCalledTimes(1);
    right.close();
    expect(core.closedWindows).toEqual([right.windowId]);
  });

  it('copies values the way the wire does', () => {
    expect(wireCopy({ at: new Date(0), n: Number.NaN, gone: undefined })).toEqual({
      at: '1970-01-01T00:00:00.000Z',
      n: null,
    });
    expect(() => wireCopy({ f: () => 1 })).toThrow();
  });
});
