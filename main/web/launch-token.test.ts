import { describe, expect, it } from 'vitest';
import { createLaunchToken, tokenMatches } from './launch-token';

describe('launch token', () => {
  it('is long, URL-safe and fresh each launch', () => {
    const token = createLaunchToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createLaunchToken()).not.toBe(token);
  });

  it('matches only itself', () => {
    const token = createLaunchToken();
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token, `${token}x`)).toBe(false);
    expect(tokenMatches(token, token.slice(1))).toBe(false);
    expect(tokenMatches(token, '')).toBe(false);
    expect(tokenMatches(token, null)).toBe(false);
  });
});
