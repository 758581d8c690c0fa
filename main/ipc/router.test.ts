import { describe, expect, it, vi } from 'vitest';
import { DeskRequestError } from '../../shared/contract';
import type { Actor } from '../../shared/operators';
import { createRouter, type Sender } from './router';
import { createFakeCore } from './testing/fake-core';

const trusted: Sender = { windowId: 'w1', url: 'app://desk/index.html' };
const isTrustedSender = (sender: Sender) => sender.url.startsWith('app://desk/');
const admin: Actor = { name: 'Ada', role: 'admin' };
const operatorOf = () => admin;

function routerWith(overrides = {}, log = vi.fn(), signedIn: (windowId: string) => Actor | undefined = operatorOf) {
  return {
    router: createRouter(createFakeCore(overrides).handlers, { isTrustedSender, operatorOf: signedIn, log }),
    log,
  };
}

describe('router', () => {
  it('answers a good call with the handler value and passes the window id', async () => {
    const viewport = vi.fn((input: { ids: string[] }) => ({ watching: input.ids.length }));
    const { router } = routerWith({ 'positions.viewport': viewport });
    const reply = await router.handle('positions.viewport', { ids: ['demo:1', 'demo:2'] }, trusted);
    expect(reply).toEqual({ ok: true, value: { watching: 2 } });
    expect(viewport).toHaveBeenCalledWith({ ids: ['demo:1', 'demo:2'] }, { windowId: 'w1', operator: admin });
  });

  it('hands the handler the parsed input, defaults included', async () => {
    const deals = vi.fn(() => []);
    const { router } = routerWith({ 'deals.list': deals });
    await router.handle('deals.list', { fromMsc: 0, toMsc: 10 }, trusted);
    expect(deals).toHaveBeenCalledWith({ fromMsc: 0, toMsc: 10, limit: 1000 }, { windowId: 'w1', operator: admin });
  });

  it('refuses every non-public request to a window where nobody is signed in', async () => {
    const positions = vi.fn(() => []);
    const { router } = routerWith({ 'positions.list': positions }, vi.fn(), () => undefined);
    expect(await router.handle('positions.list', {}, trusted)).toEqual({
      ok: false,
      error: { code: 'signed_out', message: 'Sign in to the desk first.' },
    });
    expect(await router.handle('desk.ready', {}, trusted)).toMatchObject({ error: { code: 'signed_out' } });
    expect(positions).not.toHaveBeenCalled();
    // Signing in is public, and its handler learns nobody is signed in yet.
    const state = vi.fn(() => ({ operator: null, setupNeeded: false, permissions: [] }));
    const open = routerWith({ 'session.state': state }, vi.fn(), () => undefined).router;
    expect(await open.handle('session.state', {}, trusted)).toMatchObject({ ok: true });
    expect(state).toHaveBeenCalledWith({}, { windowId: 'w1', operator: null });
  });

  it("enforces each role's grants in the core, whatever the UI shows", async () => {
    const balance = vi.fn();
    const risk: Actor = { name: 'Rita', role: 'risk' };
    const { router, log } = routerWith({ 'actions.balance': balance }, vi.fn(), () => risk);
    const deposit = { server: 'demo', login: 1001, kind: 'deposit', amount: '100' };
    expect(await router.handle('actions.balance', deposit, trusted)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('Risk managers may not') },
    });
    expect(await router.handle('operators.list', {}, trusted)).toMatchObject({ error: { code: 'forbidden' } });
    expect(balance).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining("needs 'act'"));
    // A risk manager still reads and acknowledges.
    expect(await router.handle('positions.list', {}, trusted)).toMatchObject({ ok: true });
    expect(await router.handle('alerts.acknowledge', { key: 'k' }, trusted)).toMatchObject({
      error: { code: 'bad_request' }, // reached the (fake) handler: permitted
    });
  });

  it('reports refused attempts to change something (for the audit trail), never a password', async () => {
    const onRefused = vi.fn();
    const dealer: Actor = { name: 'Dan', role: 'dealer' };
    const router = createRouter(createFakeCore().handlers, {
      isTrustedSender,
      operatorOf: () => dealer,
      onRefused,
      log: () => {},
    });
    const badLeverage = { server: 'demo', login: 7, change: { kind: 'leverage', leverage: 'lots' } };
    expect(await router.handle('actions.account', badLeverage, trusted)).toMatchObject({
      error: { code: 'bad_request' },
    });
    expect(onRefused).toHaveBeenLastCalledWith(
      expect.objectContaining({
        channel: 'actions.account',
        operator: dealer,
        code: 'bad_request',
        input: badLeverage,
      }),
    );
    await router.handle('operators.save', { name: 'Eve', role: 'admin', password: 'hunter2hunter2' }, trusted);
    expect(onRefused).toHaveBeenLastCalledWith(
      expect.objectContaining({ code: 'forbidden', input: { name: 'Eve', role: 'admin', password: '••••' } }),
    );
    expect(JSON.stringify(onRefused.mock.calls)).not.toContain('hunter2');
    // Reading with a bad filter changes nothing: not audited.
    const calls = onRefused.mock.calls.length;
    expect(await router.handle('positions.list', { login: 'x' }, trusted)).toMatchObject({
      error: { code: 'bad_request' },
    });
    expect(onRefused).toHaveBeenCalledTimes(calls);
  });

  it('checks the sender before anything else', async () => {
    const { router, log } = routerWith();
    const evil = { windowId: 'w1', url: 'https://evil.example/' };
    expect(await router.handle('no.such.channel', null, evil)).toMatchObject({ error: { code: 'forbidden_sender' } });
    expect(await router.handle('positions.list', {}, evil)).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(log).toHaveBeenCalled();
  });

  it('treats a sender check that throws as untrusted', async () => {
    const router = createRouter(createFakeCore().handlers, {
      isTrustedSender: () => {
        throw new Error('boom');
      },
      operatorOf,
      log: () => {},
    });
    expect(await router.handle('positions.list', {}, trusted)).toMatchObject({ error: { code: 'forbidden_sender' } });
  });

  it.each(['no.such.channel', '__proto__', 'toString', 'constructor', ''])(
    'refuses unknown channel %j',
    async (channel) => {
      const { router } = routerWith();
      expect(await router.handle(channel, {}, trusted)).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    },
  );

  it.each([
    ['positions.list', { login: 'x' }, '"login"'],
    ['positions.list', { sql: 'drop table' }, 'Unrecognized key: "sql"'],
    ['deals.list', { fromMsc: 0, toMsc: 1, limit: 100_000 }, '"limit"'],
    ['deals.list', { fromMsc: 9, toMsc: 1 }, 'fromMsc must not be after toMsc'],
    ['layout.get', { key: '../../etc/passwd' }, '"key": a layout key is a short lowercase name'],
    ['desk.ready', undefined, 'expected object'],
    ['sim.control', { speed: -1 }, '"speed"'],
  ])('refuses a bad payload for %s naming the field', async (channel, input, expected) => {
    const { router } = routerWith();
    const reply = await router.handle(channel, input, trusted);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('bad_request');
    expect(reply.error.message).toContain(channel);
    expect(reply.error.message).toContain(expected);
  });

  it('maps a DeskRequestError to its own code and message', async () => {
    const { router } = routerWith({
      'sim.control': () => {
        throw new DeskRequestError('not_supported', 'The speed of a real server cannot be changed.');
      },
    });
    expect(await router.handle('sim.control', { speed: 2 }, trusted)).toEqual({
      ok: false,
      error: { code: 'not_supported', message: 'The speed of a real server cannot be changed.' },
    });
  });

  it('turns any other failure into a generic internal error and logs the detail', async () => {
    const { router, log } = routerWith({
      'accounts.list': async () => {
        throw new Error('SQLITE_BUSY: database is locked at /home/dealer/.dealer-desk/desk.db');
      },
    });
    const reply = await router.handle('accounts.list', {}, trusted);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!reply.ok) expect(reply.error.message).not.toContain('SQLITE');
    expect(log.mock.calls.flat().join('\n')).toContain('SQLITE_BUSY');
  });

  it('refuses a handler output that breaks the contract when asked to check outputs', async () => {
    const handlers = createFakeCore({ 'status.list': () => [{ server: 'demo' }] as never }).handlers;
    const log = vi.fn();
    const router = createRouter(handlers, { isTrustedSender, operatorOf, checkOutputs: true, log });
    expect(await router.handle('status.list', {}, trusted)).toMatchObject({ error: { code: 'internal' } });
    expect(log.mock.calls.flat().join('\n')).toContain('"0.state"');
  });

  it('answers every one of many concurrent requests', async () => {
    const { router } = routerWith({
      'positions.viewport': async (input: { ids: string[] }) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        if (input.ids.length % 3 === 0) throw new Error('flaky');
        return { watching: input.ids.length };
      },
    });
    const replies = await Promise.all(
      Array.from({ length: 60 }, (_, n) =>
        router.handle('positions.viewport', { ids: Array.from({ length: n }, (_, i) => `demo:${i}`) }, trusted),
      ),
    );
    expect(replies).toHaveLength(60);
    replies.forEach((reply, n) => {
      expect(reply.ok).toBe(n % 3 !== 0);
    });
  });
});
