import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerStatus } from '../../shared/rows';
import { createFrameBatcher, FRAME_MS } from './frame-batcher';
import { positionRow } from './testing/fake-core';

const status = (state: ServerStatus['state']): ServerStatus[] => [
  { server: 'demo', state, dataAgeMs: 0, lagMs: 0, eventsPerSecond: 0, message: '' },
];

function batcher(canSend?: () => boolean) {
  const send = vi.fn();
  return { send, frames: createFrameBatcher({ send, canSend }) };
}

describe('frame batcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps only the latest row per id within a frame', () => {
    const { send, frames } = batcher();
    frames.ready();
    frames.push('positions', { upserts: [positionRow(1, { profit: 1 }), positionRow(2)], removes: [] });
    frames.push('positions', { upserts: [positionRow(1, { profit: 2 })], removes: [] });
    frames.push('positions', { upserts: [positionRow(1, { profit: 3 })], removes: [] });
    vi.advanceTimersByTime(FRAME_MS);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith('positions', {
      upserts: [positionRow(1, { profit: 3 }), positionRow(2)],
      removes: [],
    });
  });

  it('lets an upsert after a remove revive the row, and a remove after an upsert remove it', () => {
    const { send, frames } = batcher();
    frames.ready();
    frames.push('positions', { upserts: [], removes: ['demo:1'] });
    frames.push('positions', { upserts: [positionRow(1)], removes: [] });
    frames.push('positions', { upserts: [positionRow(2)], removes: [] });
    frames.push('positions', { upserts: [], removes: ['demo:2'] });
    vi.advanceTimersByTime(FRAME_MS);
    expect(send).toHaveBeenCalledWith('positions', { upserts: [positionRow(1)], removes: ['demo:2'] });
  });

  it('reads a delta that removes and re-adds one id as "the row is back"', () => {
    const { send, frames } = batcher();
    frames.ready();
    frames.push('positions', { upserts: [positionRow(1)], removes: ['demo:1'] });
    vi.advanceTimersByTime(FRAME_MS);
    expect(send).toHaveBeenCalledWith('positions', { upserts: [positionRow(1)], removes: [] });
  });

  it('keeps the latest status payload', () => {
    const { send, frames } = batcher();
    frames.ready();
    frames.push('status', status('connecting'));
    frames.push('status', status('syncing'));
    frames.push('status', status('live'));
    vi.advanceTimersByTime(FRAME_MS);
    expect(send.mock.calls).toEqual([['status', status('live')]]);
  });

  it('queues everything until the window is ready, then flushes once at the next frame', () => {
    const { send, frames } = batcher();
    frames.push('positions', { upserts: [positionRow(1, { profit: 1 })], removes: [] });
    frames.push('status', status('syncing'));
    vi.advanceTimersByTime(FRAME_MS * 20);
    frames.push('positions', { upserts: [positionRow(1, { profit: 2 })], removes: [] });
    expect(send).not.toHaveBeenCalled();

    frames.ready();
    expect(send).not.toHaveBeenCalled();
    vi.advanceTimersByTime(FRAME_MS);
    expect(send.mock.calls).toEqual([
      ['positions', { upserts: [positionRow(1, { profit: 2 })], removes: [] }],
      ['status', status('syncing')],
    ]);
  });

  it('sends at most two batches per stream per frame when pushes never stop', () => {
    const { send, frames } = batcher();
    frames.ready();
    for (let tick = 0; tick < 100; tick += 1) {
      frames.push('positions', { upserts: [positionRow(tick % 7)], removes: [] });
      frames.push('accounts', { upserts: [], removes: [`demo:${tick % 3}`] });
      frames.push('status', status('live'));
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(FRAME_MS);
    const halfFrames = 500 / (FRAME_MS / 2);
    for (const stream of ['positions', 'accounts', 'status']) {
      const sent = send.mock.calls.filter(([s]) => s === stream).length;
      expect(sent).toBeLessThanOrEqual(halfFrames + 1);
      expect(sent).toBeGreaterThanOrEqual(halfFrames - 1);
    }
  });

  it('sends each core frame on the next turn, however long the core took to push it', () => {
    const { send, frames } = batcher();
    frames.ready();
    // The core's frames start 50 ms apart and push after revaluing the book, 15 to 35 ms in.
    const pushedAt = [35, 15, 30, 15, 35, 20, 15, 35].map((revalue, frame) => frame * FRAME_MS + revalue);
    const sentAt: number[] = [];
    send.mockImplementation(() => sentAt.push(Date.now() - start));
    const start = Date.now();
    for (const at of pushedAt) {
      vi.advanceTimersByTime(at - (Date.now() - start));
      frames.push('positions', { upserts: [positionRow(1, { profit: at })], removes: [] });
      vi.advanceTimersByTime(1);
    }
    expect(sentAt).toEqual(pushedAt);
  });

  it('sends nothing when nothing changed (and keeps no timer running)', () => {
    const { send, frames } = batcher();
    frames.ready();
    vi.advanceTimersByTime(FRAME_MS * 10);
    frames.push('positions', { upserts: [], removes: [] });
    vi.advanceTimersByTime(FRAME_MS * 10);
    expect(send).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);

    frames.push('status', status('live'));
    vi.advanceTimersByTime(FRAME_MS);
    vi.advanceTimersByTime(FRAME_MS * 10);
    expect(send).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps coalescing while the window cannot take more, then sends the merged frame', () => {
    let behind = true;
    const { send, frames } = batcher(() => !behind);
    frames.ready();
    frames.push('positions', { upserts: [positionRow(1, { profit: 1 })], removes: [] });
    vi.advanceTimersByTime(FRAME_MS * 3);
    frames.push('positions', { upserts: [positionRow(1, { profit: 9 })], removes: [] });
    expect(send).not.toHaveBeenCalled();
    behind = false;
    vi.advanceTimersByTime(FRAME_MS);
    expect(send.mock.calls).toEqual([['positions', { upserts: [positionRow(1, { profit: 9 })], removes: [] }]]);
  });

  it('survives a send that throws and still sends the other streams', () => {
    const log = vi.fn();
    const send = vi.fn((stream: string) => {
      if (stream === 'positions') throw new Error('Object has been destroyed');
    });
    const frames = createFrameBatcher({ send, log });
    frames.ready();
    frames.push('positions', { upserts: [positionRow(1)], removes: [] });
    frames.push('status', status('live'));
    vi.advanceTimersByTime(FRAME_MS);
    expect(send).toHaveBeenCalledTimes(2);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('destroyed'));
  });

  it('drops everything and stops on dispose', () => {
    const { send, frames } = batcher();
    frames.ready();
    frames.push('status', status('live'));
    frames.dispose();
    frames.push('status', status('down'));
    vi.advanceTimersByTime(FRAME_MS * 5);
    expect(send).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
