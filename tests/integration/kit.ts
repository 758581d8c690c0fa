/** What the integration tests share: waiting for the desk to get somewhere, and reading replies. */
import type { Reply } from '../../shared/contract';

/**
 * Polls `probe` until it gives a value (not undefined, not false), or fails naming `what`.
 * Deadlines are generous: these tests run beside others on a two-core machine.
 */
export async function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The value of an answered request; a refusal fails the test with the core's code and message. */
export function answer<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}
