import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRendererFixture, type RendererFixture, SECRET } from '../web/testing/renderer-fixture';
import { answerDeskRequest } from './protocol-response';

describe('app://desk/ answers', () => {
  let fixture: RendererFixture;
  beforeAll(async () => {
    fixture = await createRendererFixture();
  });
  afterAll(() => fixture.cleanUp());

  it('serves the renderer with the strict CSP', async () => {
    const answer = await answerDeskRequest('app://desk/index.html', fixture.rendererDir);
    expect(answer.status).toBe(200);
    expect(answer.headers['Content-Security-Policy']).toContain("script-src 'self'");
    expect(answer.headers['Content-Security-Policy']).toContain("connect-src 'self';");
    expect(answer.headers['Content-Type']).toBe('text/html; charset=utf-8');
  });

  it.each(['app://desk/%2e%2e/secret.txt', 'app://desk/../../secret.txt'])(
    'keeps %s inside the renderer (the URL parser folds the dots away)',
    async (url) => {
      const answer = await answerDeskRequest(url, fixture.rendererDir);
      expect(answer.status).toBe(404);
      expect(String(answer.body)).not.toContain(SECRET);
    },
  );

  it.each(['app://desk/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 'app://desk/..%5Csecret.txt', 'app://desk/leak.txt'])(
    'refuses %s',
    async (url) => {
      const answer = await answerDeskRequest(url, fixture.rendererDir);
      expect(answer.status).toBe(403);
      expect(String(answer.body)).not.toContain(SECRET);
    },
  );

  it('answers only its own host', async () => {
    expect((await answerDeskRequest('app://other/index.html', fixture.rendererDir)).status).toBe(404);
  });
});
