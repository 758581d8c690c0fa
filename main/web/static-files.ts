/**
 * Reads a file of the built renderer for a URL path, for both hosts (http in browser mode,
 * app://desk/ in Electron). The URL is untrusted: anything that could name a file outside the
 * renderer folder ('..', encoded or not, backslashes, NUL, symlinks pointing out) is refused.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export interface StaticFile {
  status: number;
  contentType: string;
  cacheControl: string;
  body: Buffer | string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

const plain = (status: number, message: string): StaticFile => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  cacheControl: 'no-store',
  body: message,
});

/** Whether a URL path may even be looked up: no traversal, no Windows separators, no NUL. */
export function isSafeUrlPath(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return false;
  return !decoded.split('/').some((segment) => segment === '..' || segment === '.');
}

export async function readRendererFile(rendererDir: string, pathname: string): Promise<StaticFile> {
  if (!isSafeUrlPath(pathname)) return plain(403, 'Refused: that path is outside the desk.');
  const root = path.resolve(rendererDir);
  const rootReal = await realpath(root).catch(() => null);
  if (rootReal === null) return plain(503, 'The renderer is not built yet: run `npm run build`.');

  const wanted = decodeURIComponent(pathname);
  let file = path.resolve(root, `.${wanted.endsWith('/') ? `${wanted}index.html` : wanted}`);
  if (!(await isFile(file))) {
    // Client-side routes (no extension) get the app shell; a missing asset is a plain 404.
    if (path.extname(wanted) !== '') return plain(404, 'Not found.');
    file = path.join(root, 'index.html');
  }
  const real = await realpath(file).catch(() => null);
  if (real === null) return plain(404, 'Not found.');
  if (real !== rootReal && !real.startsWith(rootReal + path.sep))
    return plain(403, 'Refused: that path is outside the desk.');

  const extension = path.extname(real).toLowerCase();
  return {
    status: 200,
    contentType: contentTypes[extension] ?? 'application/octet-stream',
    cacheControl: cachePolicy(wanted, extension),
    body: await readFile(real),
  };
}

/** Vite's hashed files under /assets/ never change; the shell is never kept, so a new build shows at once. */
function cachePolicy(wanted: string, extension: string): string {
  if (extension === '.html') return 'no-store';
  return wanted.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
