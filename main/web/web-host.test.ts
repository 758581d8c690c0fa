import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_MESSAGE_BYTES, WS_PATH } from '../../shared/wire';
import { createFakeCore, type FakeCore, positionRow } from '../ipc/testing/fake-core';
import { createRendererFixture, type RendererFixture, SECRET } from './testing/renderer-fixture';
import { startWebHost, type WebHost } from './web-host';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent verbatim (no client-side '..' normalisation) and any Host. */
function get(host: WebHost, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket; resolves with it once open, or with the HTTP status of the refusal. */
function connect(host: WebHost, query: string, origin: string | null = host.origin): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}${WS_PATH}${query}`, origin === null ? {} : { origin });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', reject);
  });
}

async function open(host: WebHost): Promise<WebSocket> {
  const socket = await connect(host, `?token=${host.token}`);
  if (typeof socket === 'number') throw new Error(`refused with ${socket}`);
  return socket;
}

function nextMessage(socket: WebSocket, match: (message: Record<string, unknown>) => boolean = () => true) {
  return new Promise<Record<string, unknown>>((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data));
      if (!match(message)) return;
      socket.off('message', onMessage);
      resolve(message);
    };
    socket.on('message', onMessage);
  });
}

describe('browser-mode web host', () => {
  let fixture: RendererFixture;
  let core: FakeCore;
  let host: WebHost;
  const log: string[] = [];

  beforeAll(async () => {
    fixture = await createRendererFixture();
    core = createFakeCore();
    host = await startWebHost({
      core,
      rendererDir: fixture.rendererDir,
      port: 0,
      frameMs: 10,
      log: (line) => log.push(line),
    });
  });
  afterAll(async () => {
    await host.close();
    await fixture.cleanUp();
  });

  it('binds 127.0.0.1 only and prints a URL with the token', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (lan) {
      const reached = await new Promise<boolean>((resolve) => {
        const req = httpRequest({ host: lan.address, port: host.port, path: '/', timeout: 1000 }, () => resolve(true));
        req.on('error', () => resolve(false));
        req.on('timeout', () => {
          req.destroy();
          resolve(false);
        });
        req.end();
      });
      expect(reached).toBe(false);
    }
  });

  it('serves the renderer with a strict CSP naming the WebSocket', async () => {
    const response = await get(host, '/');
    expect(response.status).toBe(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt'])(
    'refuses path traversal %s',
    async (path) => {
      const response = await get(host, path);
      expect(response.status).toBe(403);
      expect(response.body).not.toContain(SECRET);
    },
  );

  it('refuses a foreign Host header (DNS rebinding) and methods other than GET/HEAD', async () => {
    expect((await get(host, '/', { Host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await get(host, '/', {}, 'POST')).status).toBe(405);
  });

  it('refuses a WebSocket without a token, with a wrong token, or from a foreign Origin, and logs it', async () => {
    expect(await connect(host, '')).toBe(401);
    expect(await connect(host, '?token=')).toBe(401);
    const wrong = `${host.token.slice(0, -1)}${host.token.endsWith('A') ? 'B' : 'A'}`;
    expect(await connect(host, `?token=${wrong}`)).toBe(401);
    expect(await connect(host, `?token=${host.token}`, 'https://evil.example')).toBe(403);
    expect(await connect(host, `?token=${host.token}`, null)).toBe(403);
    expect(log.filter((line) => line.includes('WebSocket refused'))).toHaveLength(5);
    expect(log.join('\n')).not.toContain(host.token);
  });

  it('answers requests and pushes streams to a tab that said it is ready', async () => {
    const socket = await open(host);
    socket.send(JSON.stringify({ id: 1, channel: 'desk.ready', input: {} }));
    expect(await nextMessage(socket)).toEqual({
      id: 1,
      reply: { ok: true, value: { deskCurrency: 'USD', servers: ['demo'], version: 'test' } },
    });
    core.emit('positions', { upserts: [positionRow(9)], removes: [] });
    core.emit('status', []);
    // Every stream of one frame travels in one message, in the order the hub flushed them.
    expect(await nextMessage(socket, (m) => Array.isArray(m))).toEqual([
      { stream: 'positions', payload: { upserts: [positionRow(9)], removes: [] } },
      { stream: 'status', payload: [] },
    ]);
    socket.send(JSON.stringify({ id: 'q2', channel: 'positions.list', input: { login: 'x' } }));
    expect(await nextMessage(socket, (m) => m.id === 'q2')).toMatchObject({
      reply: { ok: false, error: { code: 'bad_request' } },
    });
    socket.close();
  });

  it('answers malformed and oversized messages with an error and keeps the connection', async () => {
    const socket = await open(host);
    socket.send('not json');
    expect(await nextMessage(socket)).toMatchObject({ id: null, reply: { ok: false, error: { code: 'bad_request' } } });
    socket.send(JSON.stringify({ id: 7, nope: true }));
    expect(await nextMessage(socket)).toMatchObject({ id: 7, reply: { ok: false } });
    socket.send('x'.repeat(MAX_MESSAGE_BYTES + 10));
    expect(await nextMessage(socket)).toMatchObject({
      id: null,
      reply: { error: { message: expect.stringContaining('larger') } },
    });
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await nextMessage(socket)).toMatchObject({ id: null, reply: { ok: false } });
    socket.send(JSON.stringify({ id: 8, channel: 'status.list', input: {} }));
    expect(await nextMessage(socket)).toEqual({ id: 8, reply: { ok: true, value: [] } });
    socket.close();
  });

  it('treats each connection as a window and tells the core when it closes', async () => {
    await expect.poll(() => host.openWindows).toBe(0); // earlier tests' sockets finish closing
    const closedBefore = core.closedWindows.length;
    const socket = await open(host);
    expect(host.openWindows).toBe(1);
    socket.close();
    await expect.poll(() => host.openWindows).toBe(0);
    expect(core.closedWindows).toHaveLength(closedBefore + 1);
  });
});
