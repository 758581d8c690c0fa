import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerTo, newRand, passwordHash, randFromHex } from '../../mt5-webapi/protocol/auth-hash';
import { startWebApiServer, type WebApiServer } from './server';
import { TestClient } from './test-client';

const SMALL = { clients: 40, initialPositions: 40 };
const AUTH_ANSWER_TIMEOUT_MS = 300;

describe('Web API authentication', () => {
  let server: WebApiServer;
  let client: TestClient;

  beforeAll(async () => {
    server = await startWebApiServer({
      simulator: SMALL,
      authAnswerTimeoutMs: AUTH_ANSWER_TIMEOUT_MS,
      managers: [
        { login: 1000, password: 'Manager1!' },
        { login: 1001, password: 'Password1' },
      ],
    });
  });
  afterAll(() => server.stop());
  afterEach(() => client?.close());

  it('completes the handshake, proves the password both ways and serves the pinned certificate', async () => {
    client = new TestClient(server);
    const start = await client.call('auth/start', { version: 4755, agent: 'desk-test', login: 1001, type: 'manager' });
    expect(start.retcode).toBe(0);
    expect(start.body.srv_rand).toMatch(/^[0-9a-f]{32}$/);
    expect(start.fingerprint256).toBe(server.fingerprint256);

    const pw = passwordHash('Password1');
    const cliRand = newRand();
    const answer = await client.call('auth/answer', {
      srv_rand_answer: answerTo(pw, randFromHex(String(start.body.srv_rand))),
      cli_rand: cliRand,
    });
    expect(answer.retcode).toBe(0);
    expect(answer.body.cli_rand_answer).toBe(answerTo(pw, randFromHex(cliRand)));
    expect(typeof answer.body.version_access).toBe('string');
    expect(typeof answer.body.version_trade).toBe('string');
    expect(answer.socket).toBe(start.socket);

    const ping = await client.call('test/access');
    expect(ping.body.retcode).toBe('0 Done');
  });

  it("refuses a wrong password with 1001 and clears the socket's auth state", async () => {
    client = new TestClient(server);
    const { reply, serverProved } = await client.login(1000, 'not-the-password');
    expect(reply.retcode).toBe(1001);
    expect(reply.status).toBe(403);
    expect(serverProved).toBe(false);
    // The challenge is spent: answering it again is out of sequence, and nothing else is allowed.
    const again = await client.call('auth/answer', { srv_rand_answer: '0'.repeat(32), cli_rand: newRand() });
    expect(again.retcode).toBe(3);
    expect((await client.call('user/logins', { group: '*' })).status).toBe(403);
  });

  it('refuses an unknown manager the same way as a wrong password', async () => {
    client = new TestClient(server);
    const start = await client.call('auth/start', { version: 4755, agent: 'desk-test', login: 4242 });
    expect(start.retcode).toBe(0);
    const { reply } = await client.login(4242, 'Manager1!');
    expect(reply.retcode).toBe(1001);
  });

  it('refuses an answer that comes after the timeout with retcode 9', async () => {
    client = new TestClient(server);
    const start = await client.call('auth/start', { version: 4755, agent: 'desk-test', login: 1000 });
    await new Promise((resolve) => setTimeout(resolve, AUTH_ANSWER_TIMEOUT_MS + 100));
    const pw = passwordHash('Manager1!');
    const late = await client.call('auth/answer', {
      srv_rand_answer: answerTo(pw, randFromHex(String(start.body.srv_rand))),
      cli_rand: newRand(),
    });
    expect(late.retcode).toBe(9);
    expect(late.status).toBe(403);
    expect((await client.call('test/access')).retcode).toBe(8);
  });

  it('answers 403 with retcode 8 to a socket that has not logged in', async () => {
    client = new TestClient(server);
    for (const command of ['user/get', 'test/access', 'tick/last', 'quit']) {
      const reply = await client.call(command, { login: 1 });
      expect(reply.status, command).toBe(403);
      expect(reply.retcode, command).toBe(8);
    }
  });

  it.each<[Record<string, string | number>, string]>([
    [{ version: 483, agent: 'desk', login: 1000 }, 'an old client build'],
    [{ version: 4755, agent: 'dealer desk', login: 1000 }, 'an agent with a space'],
    [{ version: 4755, agent: '', login: 1000 }, 'an empty agent'],
    [{ version: 4755, agent: 'desk', login: 1000, type: 'client' }, 'a non-manager type'],
    [{ version: 'x', agent: 'desk', login: 1000 }, 'a malformed version'],
  ])('refuses auth/start with retcode 3 for %j (%s)', async (query) => {
    client = new TestClient(server);
    expect((await client.call('auth/start', query)).retcode).toBe(3);
  });

  it('ties the session to the connection: a second connection is not logged in', async () => {
    client = new TestClient(server);
    await client.loginAsManager(server);
    const other = new TestClient(server);
    try {
      expect((await other.call('test/access')).retcode).toBe(8);
    } finally {
      other.close();
    }
  });

  it('answers an unknown command with HTTP 404 and retcode 3 once logged in', async () => {
    client = new TestClient(server);
    await client.loginAsManager(server);
    const reply = await client.call('user/teleport');
    expect(reply.status).toBe(404);
    expect(reply.retcode).toBe(3);
  });

  it('ends the session on quit', async () => {
    client = new TestClient(server);
    await client.loginAsManager(server);
    const quit = await client.call('quit');
    expect(quit.retcode).toBe(0);
    expect((await client.call('test/access')).retcode).toBe(8);
  });
});
