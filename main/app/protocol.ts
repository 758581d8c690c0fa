/**
 * The app://desk/ scheme that serves the renderer: privileged like https (secure context, fetch,
 * standard URL parsing), never file://, which would give the page the file system's origin.
 */
import { protocol } from 'electron';
import { DESK_SCHEME } from './desk-url';
import { answerDeskRequest } from './protocol-response';

/** Must run before the app is ready: Chromium fixes scheme privileges at start-up. */
export function registerDeskScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: DESK_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(DESK_SCHEME, async (request) => {
    const answer = await answerDeskRequest(request.url, rendererDir);
    const body = typeof answer.body === 'string' ? answer.body : new Uint8Array(answer.body);
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
}
