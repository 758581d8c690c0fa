import type { TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebApiServer, type WebApiServer } from './server';
import { nonStringScalars, type Row, TestClient } from './test-client';

const SMALL = { clients: 60, initialPositions: 100 };
/** Runs `action` and waits until the client has seen its socket close (a real client reconnects then). */
async function closedAfter(socket: TLSSocket, action: () => unknown): Promise<void> {
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await action();
  await closed;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Web API server running in real time', () => {
  let server: WebApiServer;
  let client: TestClient;

  beforeAll(async () => {
    // maskLimit 10 (tests only) stands in for MT5's 5000 so truncation shows on a small book.
    server = await startWebApiServer({ simulator: SMALL, speed: 1, maskLimit: 10 });
  });
  afterAll(() => server.stop());
  afterEach(() => client?.close());

  it('answers tick/last with every symbol on trans_id 0, then only the symbols that ticked since', async () => {
    client = new TestClient(server);
    await client.loginAsManager(server);
    await sleep(200);
    const first = await client.call('tick/last', { symbol: '*', trans_id: 0 });
    const snapshot = first.body.answer as Row[];
    expect(first.retcode).toBe(0);
    expect(typeof first.body.trans_id).toBe('string');
    expect(snapshot.length).toBeGreaterThan(5);
    expect(new Set(snapshot.map((t) => t.Symbol)).size).toBe(snapshot.length);
    expect(nonStringScalars(snapshot)).toEqual([]);

    await sleep(150);
    const delta = await client.call('tick/last', { symbol: '*', trans_id: String(first.body.trans_id) });
    expect(Number(delta.body.trans_id)).toBeGreaterThan(Number(first.body.trans_id));
    const changed = delta.body.answer as Row[];
    expect(changed.length).toBeGreaterThan(0);
    const before = new Map(snapshot.map((t) => [t.Symbol, Number(t.DatetimeMsc)]));
    for (const tick of changed) expect(Number(tick.DatetimeMsc)).toBeGreaterThanOrEqual(before.get(tick.Symbol) ?? 0);

    const some = await client.call('tick/last', { symbol: 'EURUSD,XAUUSD', trans_id: 0 });
    expect(new Set((some.body.answer as Row[]).map((t) => t.Symbol))).toEqual(new Set(['EURUSD', 'XAUUSD']));
  });

  it('truncates a mask query at the limit with retcode 14', async () => {
    client = new TestClient(server);
    await client.loginAsManager(server);
    for (const [command, query] of [
      ['user/logins', { group: '*' }],
      ['user/get_batch', { group: 'real\\*' }],
      ['user/account/get_batch', { group: '*' }],
      ['symbol/get', { mask: '*' }],
      ['position/get_batch', { group: '*' }],
      ['deal/get_batch', { group: '*', from: 0, to: 4_102_444_800 }],
    ] as const) {
      const reply = await client.call(command, query);
      expect(reply.retcode, command).toBe(14);
      expect(reply.body.answer, command).toHaveLength(10);
    }
    const groups = await client.call('group/get', { mask: '*' });
    expect(groups.retcode).toBe(0);
    expect(groups.body.answer).toHaveLength(10);
  });

  it('forces a new login after dropConnections', async () => {
    client = new TestClient(server);
    await client.loginAsManager(server);
    const { socket } = await client.call('test/access');
    await closedAfter(socket, () => server.dropConnections());
    expect((await client.call('test/access')).retcode).toBe(8);
    await client.loginAsManager(server);
    expect((await client.call('test/access')).retcode).toBe(0);
  });

  it('restarts on the same port and certificate with the simulator state kept', async () => {
    client = new TestClient(server);
    await client.loginAsManager(server);
    const login = [...server.simulator.truth().accounts.keys()][0] as number;
    const deposit = await client.call('trade/balance', { login, type: 2, balance: '50', comment: 'before restart' });
    expect(deposit.retcode).toBe(0);
    const ticket = String((deposit.body.answer as Row).Ticket);
    const port = server.port;

    const { socket } = await client.call('test/access');
    await closedAfter(socket, () => server.restart());
    expect(server.port).toBe(port);
    expect((await client.call('test/access')).retcode).toBe(8);
    await client.loginAsManager(server);
    const deal = (await client.ok('deal/get', { ticket })) as Row;
    expect(deal.Comment).toBe('before restart');
    expect((await client.call('test/access')).fingerprint256).toBe(server.fingerprint256);
  });
});

describe('Web API idle timeout', () => {
  it('closes a session whose socket sends nothing for idleTimeoutMs', async () => {
    const server = await startWebApiServer({ simulator: SMALL, speed: 0, idleTimeoutMs: 300 });
    const client = new TestClient(server);
    try {
      await client.loginAsManager(server);
      // Requests inside the timeout keep the session alive.
      for (let i = 0; i < 3; i++) {
        await sleep(150);
        expect((await client.call('test/access')).retcode).toBe(0);
      }
      const alive = await client.call('test/access');
      const closed = new Promise<void>((resolve) => alive.socket.once('close', () => resolve()));
      await sleep(450);
      await closed;
      expect((await client.call('test/access')).retcode).toBe(8);
    } finally {
      client.close();
      await server.stop();
    }
  });
});
