import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readServersFile } from './launch-file';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));
function write(content: unknown): string {
  dir = mkdtempSync(path.join(tmpdir(), 'servers-'));
  writeFileSync(path.join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  const file = path.join(dir, 'servers.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('DESK_SERVERS_FILE', () => {
  it('reads servers, passwords from the environment or the file, and CA files beside it', () => {
    const file = write({
      servers: [
        {
          id: 'mt5-eu',
          name: 'EU',
          url: 'https://127.0.0.1:8443',
          login: 1000,
          passwordEnv: 'EU_PW',
          caFile: 'ca.pem',
        },
        { id: 'mt5-asia', url: 'https://mt5.example.com', login: 2000, password: 'Asia1!' },
      ],
    });
    const directory = readServersFile(file, { EU_PW: 'Manager1!' });
    expect(directory.editable).toBe(false);
    expect(directory.protection).toBe('launch-file');
    expect(directory.list().map((s) => [s.id, s.login, s.caPem?.startsWith('-----BEGIN')])).toEqual([
      ['mt5-eu', 1000, true],
      ['mt5-asia', 2000, undefined],
    ]);
    expect(directory.password('mt5-eu')).toBe('Manager1!');
    expect(directory.password('mt5-asia')).toBe('Asia1!');
    expect(() => directory.save(directory.list()[0]!, 'x', false)).toThrow(/edit that file/);
  });

  it('reports every problem at once', () => {
    const file = write({
      servers: [
        { id: 'a', url: 'https://a.example.com', login: 1, passwordEnv: 'MISSING_PW' },
        { id: 'a', url: 'https://b.example.com', login: 2, password: 'x', caFile: 'nope.pem' },
      ],
    });
    const error = (() => {
      try {
        readServersFile(file, {});
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(error).toMatch(/a: no password \(set MISSING_PW\)/);
    expect(error).toMatch(/a: the id is used twice/);
    expect(error).toMatch(/caFile nope.pem/);
  });

  it.each([
    ['not JSON', 'nope', /not valid JSON|Unexpected token/],
    ['http address', { servers: [{ id: 'a', url: 'http://a.example.com', login: 1, password: 'x' }] }, /https address/],
    ['bad id', { servers: [{ id: 'A B', url: 'https://a.example.com', login: 1, password: 'x' }] }, /short id/],
    ['unknown field', { servers: [{ id: 'a', url: 'https://a.example.com', login: 1, password: 'x', pw: 1 }] }, /pw/],
  ])('refuses %s with a clear message', (_, content, message) => {
    expect(() => readServersFile(write(content), {})).toThrow(message);
  });
});
