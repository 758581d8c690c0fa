import { describe, expect, it } from 'vitest';
import { envelope } from '../protocol/envelope';
import { FakeWebApi, fakeConnection, MANAGER, ok, TestClock } from '../test-kit';
import { WebApiError } from './errors';
import { backoffDelay, TokenBucket } from './pacing';

const access = ok({});

describe('WebApiConnection handshake', () => {
  it('authenticates as a manager with a version ≥ 484 and an agent without spaces', async () => {
    const api = new FakeWebApi().on('test/access', access);
    const { connection } = fakeConnection(api);
    await connection.connect();
    expect(connection.isAuthenticated).toBe(true);
    const start = api.calls[0]?.query;
    expect(start).toMatchObject({ login: String(MANAGER.login), type: 'manager', agent: 'Dealer-Desk' });
    expect(Number(start?.version)).toBeGreaterThanOrEqual(484);
    expect(api.calls[1]?.query.cli_rand).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses a server that cannot prove it knows the password, and never retries by itself', async () => {
    const api = new FakeWebApi();
    api.proofPassword = 'not the password';
    const { connection } = fakeConnection(api);
    await expect(connection.connect()).rejects.toThrow('server failed to prove it knows the password');
    expect(connection.refusedBecause?.code).toBe('server_proof');
    const sent = api.calls.length;
    await expect(connection.request('test/access')).rejects.toMatchObject({ code: 'server_proof' });
    expect(api.calls.length).toBe(sent);
  });

  it('a wrong password (1001) is a clear error that stops until reconfigured', async () => {
    const api = new FakeWebApi('the real password').on('test/access', access);
    const { connection } = fakeConnection(api);
    const error = await connection.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebApiError);
    expect((error as WebApiError).code).toBe('credentials');
    expect((error as WebApiError).message).toMatch(/wrong login or API password.*retcode 1001/);
    expect(api.commands()).toEqual(['auth/start', 'auth/answer']);
    await expect(connection.request('test/access')).rejects.toMatchObject({ code: 'credentials' });
    expect(api.calls.length).toBe(2);
    connection.reconfigure({ password: 'the real password' });
    await expect(connection.request('test/access')).resolves.toMatchObject({ retcode: 0 });
  });

  it('keeps auth/answer within the 10 s window whatever the request timeout, and says so when it runs out', async () => {
    const api = new FakeWebApi();
    let given = 0;
    api.beforeAuthAnswer = (timeoutMs) => {
      given = timeoutMs;
      throw new WebApiError('timeout', 'no answer');
    };
    const { connection } = fakeConnection(api, { requestTimeoutMs: 30_000, maxRetries: 0 });
    await expect(connection.connect()).rejects.toThrow('the server did not answer the authentication within 10000 ms');
    expect(given).toBe(10_000);
  });

  it('never puts the password or its hash in an error or a log line', async () => {
    const api = new FakeWebApi('other');
    const { connection, log } = fakeConnection(api);
    const error = (await connection.connect().catch((e: unknown) => e)) as Error;
    const text = `${error.message} ${error.stack} ${JSON.stringify(error)} ${log.join(' ')}`;
    expect(text).not.toContain(MANAGER.password);
    expect(text).not.toContain(api.calls[1]?.query.srv_rand_answer ?? '-');
  });
});

describe('WebApiConnection requests', () => {
  it('re-authenticates after a drop and resends the request once', async () => {
    const api = new FakeWebApi().on('test/access', access);
    const { connection } = fakeConnection(api);
    await connection.request('test/access');
    api.drop();
    await connection.request('test/access');
    expect(api.commands()).toEqual([
      'auth/start',
      'auth/answer',
      'test/access',
      'auth/start',
      'auth/answer',
      'test/access',
    ]);
  });

  it('answers HTTP 403 (session lost on the server) by authenticating again, once', async () => {
    const api = new FakeWebApi().on('test/access', access);
    const { connection } = fakeConnection(api);
    await connection.connect();
    api.session = false; // the server restarted; the client's socket did not notice
    await connection.request('test/access');
    expect(api.commands().slice(2)).toEqual(['test/access', 'auth/start', 'auth/answer', 'test/access']);
  });

  it('backs off with jitter on retcode 12 and on 5xx, then succeeds', async () => {
    let n = 0;
    const api = new FakeWebApi().on('user/get', () => {
      n++;
      if (n === 1) return envelope(12, 'Too frequent');
      if (n === 2) return { status: 503, body: 'busy' };
      return ok({ answer: { Login: '1' } });
    });
    const { connection, clock } = fakeConnection(api, { backoff: { baseMs: 100, maxMs: 1000 } });
    const reply = await connection.request('user/get', { login: 1 });
    expect(reply.retcode).toBe(0);
    expect(clock.sleeps.filter((ms) => ms >= 10)).toEqual([50, 100]);
  });

  it('never resends a non-idempotent request after a lost reply, but does after retcode 12', async () => {
    let n = 0;
    const api = new FakeWebApi().on('trade/balance', () => {
      n++;
      if (n === 1) return envelope(12, 'Too frequent');
      throw new WebApiError('network', 'socket hang up');
    });
    const { connection } = fakeConnection(api);
    await expect(connection.request('trade/balance', {}, { idempotent: false })).rejects.toThrow('socket hang up');
    expect(n).toBe(2);
  });

  it('serializes requests on the one connection', async () => {
    const order: string[] = [];
    const api = new FakeWebApi()
      .on('a', async () => {
        order.push('a start');
        await new Promise((r) => setTimeout(r, 20));
        order.push('a end');
        return access;
      })
      .on('b', () => {
        order.push('b');
        return access;
      });
    const { connection } = fakeConnection(api);
    await Promise.all([connection.request('a'), connection.request('b')]);
    expect(order).toEqual(['a start', 'a end', 'b']);
  });

  it('pings /api/test/access only after 20 s without traffic', async () => {
    const api = new FakeWebApi().on('test/access', access);
    const { connection, clock } = fakeConnection(api, { pingIdleMs: 5_000 });
    await connection.connect();
    clock.time += 19_000;
    await connection.pingIfIdle();
    expect(api.commands()).not.toContain('test/access');
    clock.time += 1_000;
    await connection.pingIfIdle();
    expect(api.commands().filter((c) => c === 'test/access')).toHaveLength(1);
    await connection.pingIfIdle();
    expect(api.commands().filter((c) => c === 'test/access')).toHaveLength(1);
  });
});

describe('pacing', () => {
  it('lets a second worth of requests through, then paces at the rate', async () => {
    const clock = new TestClock(0);
    const bucket = new TokenBucket(20, clock);
    for (let i = 0; i < 20; i++) await bucket.take();
    expect(clock.time).toBe(0);
    for (let i = 0; i < 20; i++) await bucket.take();
    expect(clock.time).toBeGreaterThanOrEqual(1000);
    expect(clock.time).toBeLessThan(1100);
  });

  it('backs off exponentially within the cap, with jitter', () => {
    const options = { baseMs: 250, maxMs: 10_000 };
    expect(backoffDelay(0, options, () => 1)).toBe(250);
    expect(backoffDelay(3, options, () => 1)).toBe(2000);
    expect(backoffDelay(10, options, () => 1)).toBe(10_000);
    expect(backoffDelay(3, options, () => 0)).toBe(25);
  });
});
