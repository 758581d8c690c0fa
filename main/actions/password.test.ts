import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword } from './password';

// Cheap parameters keep the suite quick; one test runs the real cost.
const FAST = { ln: 10, r: 8, p: 1 };
const PASSWORD = 'correct horse battery staple';

describe('operator passwords', () => {
  it('hashes with the default cost into a self-describing string and verifies it', async () => {
    const encoded = await hashPassword(PASSWORD);
    expect(encoded).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword(PASSWORD, encoded)).toBe(true);
    expect(needsRehash(encoded)).toBe(false);
  });

  it('refuses a wrong password, including one that differs only in case or a trailing space', async () => {
    const encoded = await hashPassword(PASSWORD, FAST);
    expect(await verifyPassword('correct horse battery stapler', encoded)).toBe(false);
    expect(await verifyPassword(PASSWORD.toUpperCase(), encoded)).toBe(false);
    expect(await verifyPassword(`${PASSWORD} `, encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('salts each hash differently, so equal passwords do not look equal', async () => {
    const a = await hashPassword(PASSWORD, FAST);
    const b = await hashPassword(PASSWORD, FAST);
    expect(a).not.toBe(b);
    expect(a.split('$')[3]).not.toBe(b.split('$')[3]);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(PASSWORD, b)).toBe(true);
  });

  it('treats a tampered or malformed string as a wrong password, never as an error', async () => {
    const encoded = await hashPassword(PASSWORD, FAST);
    const [, algorithm, params, salt, hash] = encoded.split('$') as [string, string, string, string, string];
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    const tampered = [
      `$${algorithm}$${params}$${flip(salt)}$${hash}`,
      `$${algorithm}$${params}$${salt}$${flip(hash)}`,
      `$${algorithm}$ln=11,r=8,p=1$${salt}$${hash}`,
      `$${algorithm}$ln=31,r=8,p=1$${salt}$${hash}`, // refused, not run: 2^31 would exhaust memory
      `$bcrypt$${params}$${salt}$${hash}`,
      `$${algorithm}$${params}$${salt}`,
      '',
      'not a hash',
    ];
    for (const text of tampered) expect(await verifyPassword(PASSWORD, text), text).toBe(false);
  });

  it('matches a password typed in another Unicode normal form', async () => {
    const composed = 'caf\u00e9 au lait 2024';
    const decomposed = 'cafe\u0301 au lait 2024';
    const encoded = await hashPassword(composed, FAST);
    expect(await verifyPassword(decomposed, encoded)).toBe(true);
  });

  it('says when a stored hash is weaker than the current parameters', async () => {
    const weak = await hashPassword(PASSWORD, FAST);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(weak, FAST)).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
    expect(DEFAULT_SCRYPT.ln).toBeGreaterThan(FAST.ln);
  });
});
