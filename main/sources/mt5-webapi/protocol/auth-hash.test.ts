import { describe, expect, it } from 'vitest';
import { answersMatch, answerTo, newRand, passwordHash, randFromHex } from './auth-hash';

// The vector from MT5-PROTOCOL.md §2.2.
describe('Web API auth hash', () => {
  const pw = passwordHash('Password1');

  it('derives the password hash of the protocol vector', () => {
    expect(pw.toString('hex')).toBe('904ba8ecb16273d2f0ae9c3b8a023752');
  });

  it('answers the server random of the vector', () => {
    expect(answerTo(pw, randFromHex('73007dc7184747ce0f7c98516ef1c851'))).toBe('77fe51827f7fa69dd80fbec9aa33f1bb');
  });

  it('derives the server proof of the vector from the client random', () => {
    expect(answerTo(pw, randFromHex('4db98fec17aab4dc5a240bdc659e8395'))).toBe('1732021b1b332f51660b2b315eed3a35');
  });

  it('differs when the hex strings are hashed instead of their bytes (the 403 mistake)', () => {
    const wrong = answerTo(pw, Buffer.from('73007dc7184747ce0f7c98516ef1c851', 'ascii'));
    expect(wrong).not.toBe('77fe51827f7fa69dd80fbec9aa33f1bb');
  });

  it('refuses a random that is not 32 hex digits', () => {
    expect(() => randFromHex('73007dc7')).toThrow(/32 hex digits/);
    expect(() => randFromHex('zz007dc7184747ce0f7c98516ef1c851')).toThrow(/32 hex digits/);
  });

  it('matches answers case-insensitively and rejects malformed ones', () => {
    expect(answersMatch('1732021b1b332f51660b2b315eed3a35', '1732021B1B332F51660B2B315EED3A35')).toBe(true);
    expect(answersMatch('1732021b1b332f51660b2b315eed3a35', '1732021b1b332f51660b2b315eed3a36')).toBe(false);
    expect(answersMatch('1732021b1b332f51660b2b315eed3a35', 'nope')).toBe(false);
  });

  it('makes a new 32-hex-digit random each time', () => {
    const a = newRand();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newRand()).not.toBe(a);
  });
});
