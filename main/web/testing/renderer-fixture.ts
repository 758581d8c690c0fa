/** A throwaway built renderer (index.html, one hashed asset) next to a secret it must never serve. */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RendererFixture {
  rendererDir: string;
  cleanUp(): Promise<void>;
}

export const SECRET = 'the dealer password file';

export async function createRendererFixture(): Promise<RendererFixture> {
  const base = await mkdtemp(path.join(tmpdir(), 'desk-web-'));
  const rendererDir = path.join(base, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Dealer Desk</title>');
  await writeFile(path.join(rendererDir, 'assets', 'index-abc123.js'), 'console.log("desk")');
  await writeFile(path.join(base, 'secret.txt'), SECRET);
  // A link inside the renderer that points out of it: must be refused like '..'.
  await symlink(path.join(base, 'secret.txt'), path.join(rendererDir, 'leak.txt')).catch(() => {});
  return { rendererDir, cleanUp: () => rm(base, { recursive: true, force: true }) };
}
