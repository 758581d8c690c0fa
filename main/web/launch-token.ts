/** The per-launch secret that lets a browser tab open the desk's WebSocket. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const createLaunchToken = (): string => randomBytes(32).toString('base64url');

/**
 * Constant-time comparison. Both sides are hashed first, so neither a wrong length nor the
 * position of the first wrong character shows up in the timing.
 */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}
