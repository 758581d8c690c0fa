import { describe, expect, it } from 'vitest';
import {
  DEAL_COMMENT_CHARS,
  describeNoteLeft,
  NOTE_CHARS,
  newRequestId,
  noteCharsLeft,
  parseAmount,
  requestIdFor,
  signedCents,
} from './balance-form';

describe('parseAmount', () => {
  it('reads plain amounts into cents', () => {
    expect(parseAmount('1500', 'deposit')).toEqual({ ok: true, cents: 150_000 });
    expect(parseAmount(' 1500.25 ', 'deposit')).toEqual({ ok: true, cents: 150_025 });
    expect(parseAmount('0.5', 'bonus')).toEqual({ ok: true, cents: 50 });
  });
  it('lets only a correction carry a sign', () => {
    expect(parseAmount('-12.50', 'correction')).toEqual({ ok: true, cents: -1_250 });
    expect(parseAmount('-12.50', 'withdrawal').ok).toBe(false);
  });
  it('refuses what the core would refuse', () => {
    for (const text of ['', '1,500', '1.005', 'abc', '0', '0.00', '1e3', '12.']) {
      expect(parseAmount(text, 'deposit').ok, text).toBe(false);
    }
  });
  it('signs money going out of the account', () => {
    expect(signedCents('withdrawal', 100)).toBe(-100);
    expect(signedCents('credit-out', 100)).toBe(-100);
    expect(signedCents('deposit', 100)).toBe(100);
    expect(signedCents('correction', -100)).toBe(-100);
  });
});

describe('note characters', () => {
  it('leaves what the deal comment has after the transaction id', () => {
    expect(NOTE_CHARS).toBeLessThan(DEAL_COMMENT_CHARS);
    expect(noteCharsLeft('')).toBe(NOTE_CHARS);
    expect(noteCharsLeft('abc', 10)).toBe(7);
    expect(noteCharsLeft('abcdefghijkl', 10)).toBe(-2);
  });
  it('counts characters, not UTF-16 units', () => {
    expect(noteCharsLeft('€😀', 10)).toBe(8);
  });
  it('says what is left, or how many too many', () => {
    expect(describeNoteLeft('abc', 10)).toBe('7 of 10 characters left');
    expect(describeNoteLeft('abcdefghijk', 10)).toBe('1 character too many');
    expect(describeNoteLeft('abcdefghijkl', 10)).toBe('2 characters too many');
  });
});

describe('requestIdFor', () => {
  it('keeps the id while the operation is the same, and makes a new one when it changes', () => {
    let n = 0;
    const next = () => `id-${++n}`;
    const first = requestIdFor(null, 'deposit|100|', next);
    expect(first.id).toBe('id-1');
    expect(requestIdFor(first, 'deposit|100|', next).id).toBe('id-1');
    expect(requestIdFor(first, 'deposit|101|', next).id).toBe('id-2');
  });
  it('makes ids the contract accepts (8 to 64 characters), all different', () => {
    const ids = new Set(Array.from({ length: 50 }, newRequestId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id.length).toBeGreaterThanOrEqual(8);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(64);
  });
});
