import { describe, expect, it } from 'vitest';
import { serverSaveSchema, serverTestSchema } from '../../../shared/servers';
import {
  type ConnectionDraft,
  describeTest,
  draftFor,
  emptyDraft,
  problemToTest,
  problemWith,
  saveInput,
  testInput,
} from './connection-form';

const draft = (patch: Partial<ConnectionDraft> = {}): ConnectionDraft => ({
  ...emptyDraft(),
  id: 'mt5-eu',
  name: 'Europe live',
  url: 'https://mt5.example.com:443',
  login: '1000',
  ...patch,
});

describe('the connection form', () => {
  it('accepts a plain https address with a numeric login', () => {
    expect(problemWith(draft())).toBeNull();
    expect(problemWith(draft({ login: ' 1000 ', url: ' https://10.0.0.5:8443 ' }))).toBeNull();
  });

  it('asks for an id, an https address and a login in digits before sending', () => {
    expect(problemWith(draft({ id: ' ' }))).toMatch(/id/);
    expect(problemWith(draft({ url: 'http://mt5.example.com' }))).toMatch(/https/);
    expect(problemWith(draft({ url: 'mt5.example.com:443' }))).toMatch(/https/);
    expect(problemWith(draft({ url: 'https://' }))).toMatch(/https/);
    expect(problemWith(draft({ login: '10a0' }))).toMatch(/digits/);
    expect(problemWith(draft({ login: '' }))).toMatch(/digits/);
    expect(problemToTest(draft({ id: '' }))).toBeNull();
  });

  it('leaves an empty password out of a save, so the stored one is kept', () => {
    const input = saveInput(draft({ caPem: '  ' }), '');
    expect(input).toEqual({
      id: 'mt5-eu',
      name: 'Europe live',
      url: 'https://mt5.example.com:443',
      login: 1000,
      acceptPlainText: false,
    });
    expect('password' in input).toBe(false);
    expect(serverSaveSchema.safeParse(input).success).toBe(true);
  });

  it('sends a typed password, the certificate and the plain-text consent', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    const input = saveInput(draft({ caPem: `\n${pem}\n`, acceptPlainText: true }), 'Manager1!');
    expect(input).toMatchObject({ password: 'Manager1!', caPem: pem, acceptPlainText: true });
    expect(serverSaveSchema.safeParse(input).success).toBe(true);
  });

  it('tests a saved server with its id, so its stored password is used when none is typed', () => {
    const saved = testInput(draft(), '', 'mt5-eu');
    expect(saved).toEqual({ id: 'mt5-eu', url: 'https://mt5.example.com:443', login: 1000 });
    expect(serverTestSchema.safeParse(saved).success).toBe(true);
    const fresh = testInput(draft(), 'Manager1!', null);
    expect(fresh).toEqual({ url: 'https://mt5.example.com:443', login: 1000, password: 'Manager1!' });
  });

  it('starts an edit from the listed server without a password or certificate', () => {
    const entry = {
      id: 'mt5-eu',
      name: 'Europe',
      url: 'https://a.example:443',
      login: 1000,
      hasPassword: true,
      hasCa: true,
      active: true,
    };
    expect(draftFor(entry)).toEqual({
      id: 'mt5-eu',
      name: 'Europe',
      url: 'https://a.example:443',
      login: '1000',
      caPem: '',
      acceptPlainText: false,
    });
  });

  it('describes a test with its round trip, symbol count and the core message', () => {
    expect(describeTest({ ok: true, message: 'Logged in', roundTripMs: 41.6, symbols: 1280 })).toBe(
      'Connected · 42 ms round trip · 1,280 symbols: Logged in',
    );
    expect(describeTest({ ok: false, message: 'Invalid account or password', roundTripMs: null, symbols: null })).toBe(
      'Not connected: Invalid account or password',
    );
  });
});
