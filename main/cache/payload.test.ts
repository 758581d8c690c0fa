import { describe, expect, it } from 'vitest';
import { describePayload, MAX_PAYLOAD_CHARS } from './payload';

describe('describePayload', () => {
  it('keeps what plain JSON would hide', () => {
    expect(describePayload({ bid: Number.NaN, ask: Number.POSITIVE_INFINITY })).toBe('{"bid":"NaN","ask":"Infinity"}');
    expect(describePayload({ ticket: 12n })).toBe('{"ticket":"12n"}');
    expect(describePayload({ login: undefined, fn: () => 1 })).toBe('{"login":"[undefined]","fn":"[function]"}');
    expect(describePayload(undefined)).toBe('"[undefined]"');
  });

  it('never throws, whatever arrives', () => {
    const cycle: Record<string, unknown> = { type: 'tick' };
    cycle.self = cycle;
    expect(describePayload(cycle)).toBe('{"type":"tick","self":"[repeated]"}');
    const hostile = {
      toJSON() {
        throw new Error('no');
      },
      toString() {
        throw new Error('no');
      },
    };
    expect(describePayload(hostile)).toBe('[unprintable object]');
    expect(describePayload(Object.create(null))).toBe('{}');
  });

  it('truncates a runaway payload', () => {
    const text = describePayload('x'.repeat(MAX_PAYLOAD_CHARS * 2));
    expect(text.length).toBeLessThan(MAX_PAYLOAD_CHARS + 20);
    expect(text.endsWith('…[truncated]')).toBe(true);
  });
});
