import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from app:// (Electron) or the web host under any path, hence base './'.
// Build output has no inline scripts, so the host's CSP can keep script-src 'self'.
export default defineConfig({
  // import.meta.dirname rather than node:path: the renderer's lint rule keeps node: out of renderer/.
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // Chromium supports modulepreload natively; the polyfill would only add code.
    modulePreload: { polyfill: false },
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
