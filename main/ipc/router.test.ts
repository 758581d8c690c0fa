import { describe, expect, it, vi } from 'vitest';
import { DeskRequestError } from '../../shared/contract';
import { createRouter, type Sender } from './router';
import { createFakeCore } from './testing/fake-core';

const trusted: Sender = { windowId: 'w1', url: 'app://desk/index.html' };
const isTrustedSender = (sender: Sender) => sender.url.startsWith('app://desk/');

function routerWith(overrides = {}, log = vi.fn()) {
  return { router: createRouter(createFakeCore(overrides).handlers, { isTrustedSender, log }), log };
}

describe('router', () => {
  it('answers a good call with the handler value and passes the window id', async () => {
    const viewport = vi.fn((input: { ids: string[] }) => ({ watching: input.ids.length }));
    const { router } = routerWith({ 'positions.viewport': viewport });
    const reply = await router.handle('positions.viewport', { ids: ['demo:1', 'demo:2'] }, trusted);
    expect(reply).toEqual({ ok: true, value: { watching: 2 } });
    expect(viewport).toHaveBeenCalledWith({ ids: ['demo:1', 'demo:2'] }, { windowId: 'w1' });
  });

  it('hands the handler the parsed input, defaults included', async () => {
    const deals = vi.fn(() => []);
    const { router } = routerWith({ 'deals.list': deals });
    await router.handle('deals.list', { fromMsc: 0, toMsc: 10 }, trusted);
    expect(deals).toHaveBeenCalledWith({ fromMsc: 0, toMsc: 10, limit: 1000 }, { windowId: 'w1' });
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
    const router = createRouter(handlers, { isTrustedSender, checkOutputs: true, log });
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
