import { describe, expect, it } from 'vitest';
import { createFakeDesk } from './fake-desk';

const value = <T>(reply: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
};

const europe = { id: 'mt5-eu', name: 'Europe', url: 'https://mt5.example.com:443', login: 1000 };

describe('the fake desk, servers', () => {
  it('saves, keeps the stored password on an edit without one, and removes', async () => {
    const fake = createFakeDesk({ positions: 1, frameMs: 0 });
    const empty = value(await fake['servers.list']({}));
    expect(empty).toMatchObject({ servers: [], protection: 'os-keychain', editable: true, simulator: true });

    value(await fake['servers.save']({ ...europe, password: 'Manager1!', acceptPlainText: false }));
    const edited = value(await fake['servers.save']({ ...europe, name: 'Europe live', acceptPlainText: false }));
    expect(edited.servers).toEqual([
      { ...europe, name: 'Europe live', hasPassword: true, hasCa: false, active: false },
    ]);
    expect(edited.restartNeeded).toBe(true);
    expect(JSON.stringify(edited)).not.toContain('Manager1!');

    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    const withCa = value(await fake['servers.save']({ ...europe, caPem: pem, acceptPlainText: false }));
    expect(withCa.servers[0]).toMatchObject({ hasCa: true, hasPassword: true });
    // As in the core, a save replaces the settings whole: no certificate given, none kept.
    const withoutCa = value(await fake['servers.save']({ ...europe, acceptPlainText: false }));
    expect(withoutCa.servers[0]).toMatchObject({ hasCa: false, hasPassword: true });

    expect(value(await fake['servers.remove']({ id: 'mt5-eu' })).servers).toEqual([]);
    expect(await fake['servers.remove']({ id: 'mt5-eu' })).toMatchObject({ ok: false });
    fake.stop();
  });

  it('refuses what the contract refuses, with its message', async () => {
    const fake = createFakeDesk({ positions: 1, frameMs: 0 });
    const reply = await fake['servers.save']({ ...europe, url: 'http://mt5.example.com', acceptPlainText: false });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/https/) } });
    fake.stop();
  });

  it('logs in as manager 1000 with Manager1!, typed or stored, and refuses anything else', async () => {
    const fake = createFakeDesk({ positions: 1, frameMs: 0 });
    const typed = value(await fake['servers.test']({ url: europe.url, login: 1000, password: 'Manager1!' }));
    expect(typed).toMatchObject({ ok: true, symbols: 3 });
    const wrong = value(await fake['servers.test']({ url: europe.url, login: 1000, password: 'nope' }));
    expect(wrong).toMatchObject({ ok: false, roundTripMs: null });
    expect(value(await fake['servers.test']({ url: europe.url, login: 1001, password: 'Manager1!' })).ok).toBe(false);

    value(await fake['servers.save']({ ...europe, password: 'Manager1!', acceptPlainText: false }));
    expect(value(await fake['servers.test']({ id: 'mt5-eu', url: europe.url, login: 1000 })).ok).toBe(true);
    fake.stop();
  });
});
