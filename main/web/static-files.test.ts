import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSafeUrlPath, readRendererFile } from './static-files';
import { createRendererFixture, type RendererFixture, SECRET } from './testing/renderer-fixture';

describe('renderer files', () => {
  let fixture: RendererFixture;
  beforeAll(async () => {
    fixture = await createRendererFixture();
  });
  afterAll(() => fixture.cleanUp());

  it('serves the shell for / and client-side routes, with no caching', async () => {
    for (const route of ['/', '/index.html', '/positions']) {
      const file = await readRendererFile(fixture.rendererDir, route);
      expect(file.status).toBe(200);
      expect(file.contentType).toBe('text/html; charset=utf-8');
      expect(file.cacheControl).toBe('no-store');
    }
  });

  it('serves hashed assets as immutable JavaScript', async () => {
    const file = await readRendererFile(fixture.rendererDir, '/assets/index-abc123.js');
    expect(file).toMatchObject({ status: 200, contentType: 'text/javascript; charset=utf-8' });
    expect(file.cacheControl).toContain('immutable');
  });

  it('answers 404 for a missing asset rather than the shell', async () => {
    expect((await readRendererFile(fixture.rendererDir, '/assets/missing.js')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('refuses %s', async (pathname) => {
    const file = await readRendererFile(fixture.rendererDir, pathname);
    expect(file.status).toBe(403);
    expect(String(file.body)).not.toContain(SECRET);
  });

  it('refuses a symlink that leads out of the renderer', async () => {
    const file = await readRendererFile(fixture.rendererDir, '/leak.txt');
    expect(file.status).toBe(403);
  });

  it('says how to fix a missing build', async () => {
    const file = await readRendererFile(`${fixture.rendererDir}-not-built`, '/');
    expect(file.status).toBe(503);
    expect(String(file.body)).toContain('npm run build');
  });

  it('knows a safe path from an unsafe one', () => {
    expect(isSafeUrlPath('/assets/a.js')).toBe(true);
    expect(isSafeUrlPath('relative')).toBe(false);
    expect(isSafeUrlPath('/./x')).toBe(false);
  });
});
