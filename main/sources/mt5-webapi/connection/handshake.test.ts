/**
 * The handshake over a real TLS connection to a tiny access server on loopback: the session is
 * tied to the socket, the server's self-signed certificate is trusted by its PEM (never by turning
 * verification off), and the failure paths end in clear errors.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate } from '../../simulator/webapi/certificate';
import { answerTo, newRand, passwordHash, randFromHex } from '../protocol/auth-hash';
import { envelope } from '../protocol/envelope';
import { WebApiConnection } from './connection';

const PASSWORD = 'Manager1!';
type Mode = 'ok' | 'slow-answer' | 'wrong-proof';
let mode: Mode = 'ok';
let server: Server;
let url = '';
let certPem = '';
const sockets = new Set<Socket>();
/** Sessions by socket: a new socket starts unauthenticated, as on MT5. */
const sessions = new WeakMap<Socket, { srvRand?: string; ok?: boolean }>();

beforeAll(async () => {
  const cert = await makeCertificate('127.0.0.1');
  certPem = cert.certPem;
  server = createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
    const socket = req.socket;
    const session = sessions.get(socket) ?? {};
    sessions.set(socket, session);
    const u = new URL(req.url ?? '/', 'https://x');
    const send = (body: string, status = 200) =>
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
    if (u.pathname === '/api/auth/start') {
      session.srvRand = newRand();
      return send(envelope(0, 'Done', { version_access: '4000', srv_rand: session.srvRand }));
    }
    if (u.pathname === '/api/auth/answer') {
      const pw = passwordHash(PASSWORD);
      if (u.searchParams.get('srv_rand_answer') !== answerTo(pw, randFromHex(session.srvRand ?? ''))) {
        return send(envelope(1001, 'Invalid account'), 403);
      }
      session.ok = true;
      const proofPw = mode === 'wrong-proof' ? passwordHash('impostor') : pw;
      const body = envelope(0, 'Done', {
        cli_rand_answer: answerTo(proofPw, randFromHex(u.searchParams.get('cli_rand') ?? '')),
      });
      if (mode === 'slow-answer') setTimeout(() => send(body), 600);
      else send(body);
      return;
    }
    if (!session.ok) return send(envelope(8, 'Not enough permissions'), 403);
    return send(envelope(0, 'Done'));
  });
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const connect = (password = PASSWORD, requestTimeoutMs = 2_000) =>
  new WebApiConnection({ url, login: 1000, password, ca: certPem, requestTimeoutMs, maxRetries: 0 });

describe('Web API handshake over TLS', () => {
  it('authenticates on one keep-alive socket and re-authenticates after the server drops it', async () => {
    mode = 'ok';
    const connection = connect();
    try {
      await expect(connection.request('test/access')).resolves.toMatchObject({ retcode: 0 });
      expect(sockets.size).toBe(1);
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => setTimeout(r, 50));
      expect(connection.isAuthenticated).toBe(false);
      await expect(connection.request('test/access')).resolves.toMatchObject({ retcode: 0 });
      expect(connection.isAuthenticated).toBe(true);
    } finally {
      await connection.close();
    }
  });

  it('a wrong password is a clear credentials error', async () => {
    mode = 'ok';
    const connection = connect('wrong password');
    try {
      await expect(connection.connect()).rejects.toMatchObject({
        code: 'credentials',
        message: expect.stringContaining('wrong login or API password'),
      });
    } finally {
      await connection.close();
    }
  });

  it('an authentication answer slower than the request timeout is a clear timeout error', async () => {
    mode = 'slow-answer';
    const connection = connect(PASSWORD, 300);
    try {
      await expect(connection.connect()).rejects.toMatchObject({
        code: 'timeout',
        message: expect.stringContaining('did not answer the authentication within 300 ms'),
      });
    } finally {
      await connection.close();
    }
  });

  it('a server that fails its proof is refused', async () => {
    mode = 'wrong-proof';
    const connection = connect();
    try {
      await expect(connection.connect()).rejects.toMatchObject({
        code: 'server_proof',
        message: expect.stringContaining('server failed to prove it knows the password'),
      });
    } finally {
      await connection.close();
    }
  });

  it('refuses a certificate it was not told to trust', async () => {
    mode = 'ok';
    const connection = new WebApiConnection({ url, login: 1000, password: PASSWORD, maxRetries: 0 });
    try {
      await expect(connection.connect()).rejects.toMatchObject({ code: 'network' });
    } finally {
      await connection.close();
    }
  });
});
