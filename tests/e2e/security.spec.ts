import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { WS_PATH } from '../../shared/wire';
import { deskForThisFile } from './fixtures';

const desk = deskForThisFile();

/** Opens a socket from Node and reports how the desk answered: 'open', or the refusal's HTTP status. */
function tryWebSocket(url: string, origin: string): Promise<'open' | number | string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers: { Origin: origin } });
    const timer = setTimeout(() => {
      socket.terminate();
      resolve('timeout');
    }, 10_000);
    const done = (result: 'open' | number | string) => {
      clearTimeout(timer);
      socket.terminate();
      resolve(result);
    };
    socket.on('open', () => done('open'));
    socket.on('unexpected-response', (_request, response) => done(response.statusCode ?? 'no status'));
    socket.on('error', (error) => done(`error: ${error.message}`));
  });
}

test.describe('browser-mode WebSocket', () => {
  test('is refused without the launch token, and opens with it', async () => {
    const { port, origin, token } = desk();
    const base = `ws://127.0.0.1:${port}${WS_PATH}`;
    expect(await tryWebSocket(base, origin)).toBe(401);
    expect(await tryWebSocket(`${base}?token=not-the-token`, origin)).toBe(401);
    // The positive control: the same path and origin with the token is accepted.
    expect(await tryWebSocket(`${base}?token=${encodeURIComponent(token)}`, origin)).toBe('open');
  });

  test('the page is served with a script-src self policy', async ({ request }) => {
    const response = await request.get(desk().url);
    expect(response.ok()).toBe(true);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
