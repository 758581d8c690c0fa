import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWsDesk, DeskConnectionError, deskSocketUrl, type SocketLike } from './ws-client';

/** A stand-in for the browser's WebSocket that the test opens, answers and drops by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Array<{ id: number; channel: string; input: unknown }> = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000, reason = '') {
    this.drop(code, reason);
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(code = 1006, reason = '') {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  push(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const desk = createWsDesk({
    url: 'ws://127.0.0.1:9/desk?token=t',
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
  });
  const current = () => sockets[sockets.length - 1]!;
  return { desk, sockets, current };
}

describe('WebSocket desk client', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('builds the socket URL from the page address and its token', () => {
    expect(deskSocketUrl({ protocol: 'http:', host: '127.0.0.1:5000', search: '?token=a+b/c' })).toBe(
      'ws://127.0.0.1:5000/desk?token=a%20b%2Fc',
    );
    expect(() => deskSocketUrl({ protocol: 'http:', host: 'x', search: '' })).toThrow(/\?token=/);
  });

  it('queues requests until the socket opens, then matches replies by id', async () => {
    const { desk, current } = setup();
    const statuses = desk['status.list']({});
    const ready = desk['desk.ready']({});
    expect(current().sent).toEqual([]);
    current().open();
    expect(current().sent.map((m) => m.channel)).toEqual(['status.list', 'desk.ready']);
    const [first, second] = current().sent;
    current().push({ id: second!.id, reply: { ok: true, value: { deskCurrency: 'USD', servers: [], version: '1' } } });
    current().push({ id: first!.id, reply: { ok: true, value: [] } });
    expect(await statuses).toEqual({ ok: true, value: [] });
    expect(await ready).toMatchObject({ ok: true, value: { deskCurrency: 'USD' } });
  });

  it('hands stream payloads to subscribers only, until they unsubscribe', () => {
    const { desk, current } = setup();
    current().open();
    const positions = vi.fn();
    const unsubscribe = desk.subscribe('positions', positions);
    current().push({ stream: 'positions', payload: { upserts: [], removes: ['a'] } });
    current().push({ stream: 'status', payload: [] });
    unsubscribe();
    current().push({ stream: 'positions', payload: { upserts: [], removes: ['b'] } });
    expect(positions.mock.calls).toEqual([[{ upserts: [], removes: ['a'] }]]);
  });

  it("delivers every frame of a batch message, in order, to each stream's subscribers", () => {
    const { desk, current } = setup();
    current().open();
    const seen: string[] = [];
    desk.subscribe('positions', (delta) => seen.push(`positions ${delta.removes.join()}`));
    desk.subscribe('status', (statuses) => seen.push(`status ${statuses.length}`));
    current().push([
      { stream: 'positions', payload: { upserts: [], removes: ['a'] } },
      { stream: 'status', payload: [] },
      { stream: 'positions', payload: { upserts: [], removes: ['b'] } },
    ]);
    expect(seen).toEqual(['positions a', 'status 0', 'positions b']);
  });

  it('rejects pending requests with a clear error when the connection drops, and reconnects with backoff', async () => {
    const { desk, sockets, current } = setup();
    const states: string[] = [];
    desk.onConnectionChange((state) => states.push(state));
    current().open();
    const answer = desk['positions.list']({});
    current().drop(1006);
    await expect(answer).rejects.toBeInstanceOf(DeskConnectionError);
    await expect(answer).rejects.toThrow(/closed \(code 1006\) before 'positions.list' was answered/);

    vi.advanceTimersByTime(400);
    expect(sockets).toHaveLength(2);
    current().drop(1006);
    vi.advanceTimersByTime(400);
    expect(sockets).toHaveLength(2); // the second wait is longer
    vi.advanceTimersByTime(400);
    expect(sockets).toHaveLength(3);
    current().open();
    expect(states).toEqual(['open', 'reconnecting', 'open']);
  });

  it('refuses an oversized request locally and everything after close', async () => {
    const { desk, current } = setup();
    current().open();
    const big = await desk['layout.save']({ key: 'positions', state: 'x'.repeat(1024 * 1024) });
    expect(big).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(current().sent).toEqual([]);
    const inFlight = desk['status.list']({});
    desk.close();
    await expect(inFlight).rejects.toBeInstanceOf(DeskConnectionError);
    await expect(desk['status.list']({})).rejects.toThrow(/closed/);
    vi.advanceTimersByTime(60_000);
    expect(desk.state).toBe('closed');
  });

  it('keeps going when a listener throws or a message is unreadable', () => {
    const { desk, current } = setup();
    current().open();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const healthy = vi.fn();
    desk.subscribe('status', () => {
      throw new Error('render failed');
    });
    desk.subscribe('status', healthy);
    current().onmessage?.({ data: '{broken' });
    current().push({ stream: 'status', payload: [] });
    expect(healthy).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });
});
