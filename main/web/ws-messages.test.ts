import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../shared/wire';
import { readWsRequest } from './ws-messages';

const text = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('reading a WebSocket message', () => {
  it('accepts { id, channel, input }', () => {
    expect(readWsRequest(text({ id: 3, channel: 'status.list', input: {} }), false)).toEqual({
      ok: true,
      request: { id: 3, channel: 'status.list', input: {} },
    });
  });

  it.each([
    ['broken JSON', text('{"id":1,'), null],
    ['a bare number', text('42'), null],
    ['null', text('null'), null],
    ['no channel', text({ id: 'a1', input: {} }), 'a1'],
    ['an extra field', text({ id: 2, channel: 'x', input: {}, admin: true }), 2],
    ['an object id', text({ id: { $gt: 1 }, channel: 'x', input: {} }), null],
    ['a negative id', text({ id: -1, channel: 'x', input: {} }), null],
  ])('refuses %s, echoing the id when it could be read', (_, data, id) => {
    const read = readWsRequest(data, false);
    expect(read).toMatchObject({ ok: false, id });
  });

  it('refuses binary frames', () => {
    expect(readWsRequest(text({ id: 1, channel: 'x', input: {} }), true)).toMatchObject({ ok: false });
  });

  it('refuses a message over the limit without reading it', () => {
    const big = Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x20);
    expect(readWsRequest(big, false)).toMatchObject({
      ok: false,
      id: null,
      message: expect.stringContaining('larger'),
    });
  });

  it('reads fragmented frames', () => {
    const whole = text({ id: 1, channel: 'status.list', input: {} });
    expect(readWsRequest([whole.subarray(0, 5), whole.subarray(5)], false)).toMatchObject({ ok: true });
  });
});
