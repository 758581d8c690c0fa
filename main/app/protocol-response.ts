/**
 * What app://desk/… answers: the built renderer's files with the desk's security headers. Pure
 * (no Electron), so traversal and CSP are tested in plain Node; protocol.ts turns it into a Response.
 */
import { securityHeaders } from '../web/security-headers';
import { readRendererFile } from '../web/static-files';
import { DESK_HOST, DESK_SCHEME } from './desk-url';

export interface ProtocolAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export async function answerDeskRequest(requestUrl: string, rendererDir: string): Promise<ProtocolAnswer> {
  const headers = securityHeaders();
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400, headers, body: 'Bad address.' };
  }
  if (url.protocol !== `${DESK_SCHEME}:` || url.host !== DESK_HOST) {
    return { status: 404, headers, body: 'Not a desk address.' };
  }
  // Electron hands over the raw path: '%2e%2e' and friends are still encoded here and refused there.
  const file = await readRendererFile(rendererDir, url.pathname);
  return {
    status: file.status,
    headers: { ...headers, 'Content-Type': file.contentType, 'Cache-Control': file.cacheControl },
    body: file.body,
  };
}
