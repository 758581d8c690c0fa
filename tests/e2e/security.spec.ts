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

/** Sends one request over a fresh socket (a new window to the core, nobody signed in) and returns the reply. */
function askOnce(url: string, origin: string, channel: string): Promise<{ ok: boolean; error?: { code: string } }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { Origin: origin } });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no reply to ${channel}`));
    }, 10_000);
    socket.on('open', () => socket.send(JSON.stringify({ id: 1, channel, input: {} })));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; reply?: { ok: boolean; error?: { code: string } } };
      if (message.id !== 1 || !message.reply) return;
      clearTimeout(timer);
      socket.terminate();
      resolve(message.reply);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

test.describe('operators', () => {
  test('a window nobody signed in on gets nothing but the session requests', async () => {
    const { port, origin, token } = desk();
    const url = `ws://127.0.0.1:${port}${WS_PATH}?token=${encodeURIComponent(token)}`;
    // The token opens the socket, but the book stays closed until an operator signs in.
    expect(await askOnce(url, origin, 'desk.ready')).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(await askOnce(url, origin, 'accounts.list')).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(await askOnce(url, origin, 'audit.list')).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    // The positive control: the public request answers on the same kind of socket.
    expect(await askOnce(url, origin, 'session.state')).toMatchObject({ ok: true });
  });
});
