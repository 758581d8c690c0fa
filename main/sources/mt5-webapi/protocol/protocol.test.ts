import { describe, expect, it } from 'vitest';
import { EnvelopeError, envelope, parseEnvelope } from './envelope';
import { decimal, int, ScalarError, str } from './scalars';

describe('envelope', () => {
  it('reads the leading integer of the retcode and keeps the other fields', () => {
    const e = parseEnvelope('{"retcode":"13 Not found","answer":[]}');
    expect(e.retcode).toBe(13);
    expect(e.retcodeText).toBe('Not found');
    expect(e.body.answer).toEqual([]);
  });

  it('round-trips what the simulator server writes', () => {
    const e = parseEnvelope(envelope(0, 'Done', { trans_id: '81', answer: [{ Bid: '1.1' }] }));
    expect(e).toEqual({
      retcode: 0,
      retcodeText: 'Done',
      body: { retcode: '0 Done', trans_id: '81', answer: [{ Bid: '1.1' }] },
    });
  });

  it.each([
    ['not json', 'not JSON'],
    ['[1,2]', 'not a JSON object'],
    ['{"answer":{}}', 'no retcode'],
    ['{"retcode":0}', 'no retcode'],
    ['{"retcode":"Done"}', 'no retcode'],
  ])('refuses %s', (raw, message) => {
    expect(() => parseEnvelope(raw)).toThrow(EnvelopeError);
    expect(() => parseEnvelope(raw)).toThrow(message);
  });
});

describe('scalars', () => {
  it('parses integers sent as strings or numbers', () => {
    expect(int('Login', '764636')).toBe(764636);
    expect(int('Login', 764636)).toBe(764636);
    expect(int('Profit', '-12')).toBe(-12);
  });

  it.each(['', 'NaN', '1e3', '12abc', '1.5', ' ', '0x10', '99999999999999999'])('refuses %j as an integer', (v) => {
    expect(() => int('Login', v)).toThrow(ScalarError);
  });

  it('parses decimals', () => {
    expect(decimal('Bid', '1.10868')).toBe(1.10868);
    expect(decimal('Profit', '-1234.56')).toBe(-1234.56);
    expect(decimal('Bid', 0.0000001)).toBe(1e-7);
  });

  it.each(['', 'NaN', 'Infinity', '1e3', '1.2.3', null, undefined, {}, true])('refuses %j as a decimal', (v) => {
    expect(() => decimal('Bid', v)).toThrow(/Bid: expected a decimal number/);
  });

  it('reads strings, with missing as empty', () => {
    expect(str('Comment', 'x')).toBe('x');
    expect(str('Comment', undefined)).toBe('');
    expect(() => str('Comment', {})).toThrow(ScalarError);
  });
});
