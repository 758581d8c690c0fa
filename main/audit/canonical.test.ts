import { describe, expect, it } from 'vitest';
import { canonicalJson, toJsonValue, wellFormed } from './canonical';

describe('canonical JSON', () => {
  it('writes the same text whatever the key order, at every depth', () => {
    const a = canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: null } });
    const b = canonicalJson({ a: { c: null, d: [{ x: 2, y: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":null,"d":[{"x":2,"y":1}]},"b":1}');
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ b: 0, a: 0, B: 0, '10': 0, '9': 0, é: 0 })).toBe('{"10":0,"9":0,"B":0,"a":0,"b":0,"é":0}');
  });

  it('turns what JSON cannot name into JSON first, and refuses what it cannot hold', () => {
    expect(toJsonValue(undefined)).toBeNull();
    expect(toJsonValue({ a: undefined, b: [undefined, Number.NaN], c: new Date(0) })).toEqual({
      b: [null, null],
      c: '1970-01-01T00:00:00.000Z',
    });
    expect(() => toJsonValue({ n: 1n })).toThrow(TypeError);
  });

  it('replaces unpaired surrogates and keeps paired ones', () => {
    expect(wellFormed('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
    expect(wellFormed('emoji \u{1F600}')).toBe('emoji \u{1F600}');
  });
});
