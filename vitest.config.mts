import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; integration tests under tests/integration.
// End-to-end tests (tests/e2e) belong to Playwright, not vitest.
export default defineConfig({
  plugins: [
    {
      // Migrations are imported as text, as esbuild's text loader does in the build.
      name: 'sql-as-text',
      transform(code, id) {
        return id.endsWith('.sql') ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
      },
    },
  ],
  test: {
    include: ['{shared,main,renderer,preload,bench}/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
