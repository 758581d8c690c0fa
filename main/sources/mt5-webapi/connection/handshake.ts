/**
 * The Web API handshake (MT5-PROTOCOL.md §2.2): auth/start, then within 10 s auth/answer with our
 * answer to the server's random and a random of our own, whose answer proves the server knows the
 * password too. A wrong password and a failed proof are terminal errors: retrying cannot fix them,
 * and hammering a server with a bad password gets the IP blocked.
 */
import { Retcode } from '../../../../shared/mt5';
import { answersMatch, answerTo, newRand, passwordHash, randFromHex } from '../protocol/auth-hash';
import { type Envelope, parseEnvelope } from '../protocol/envelope';
import { WebApiError } from './errors';
import type { Clock } from './pacing';
import type { TransportReply } from './transport';

/** The protocol version the desk speaks (auth/start requires ≥ 484). */
export const CLIENT_VERSION = 484;
/** auth/start → auth/answer must complete within 10 s (MT5-PROTOCOL.md §6). */
export const AUTH_WINDOW_MS = 10_000;
/** Retcodes on auth that only a configuration change can fix. */
const CREDENTIAL_RETCODES: ReadonlySet<number> = new Set([
  Retcode.AUTH_INVALID_ACCOUNT,
  Retcode.AUTH_IP_BLOCKED,
  Retcode.AUTH_RESET_PASSWORD,
]);

export interface HandshakeDeps {
  url: string;
  login: number;
  /** Without spaces (the protocol refuses them). */
  agent: string;
  timeoutMs: number;
  clock: Clock;
  /** One request; `timeoutMs` is read once the request may go (after the rate limiter). */
  exchange(command: string, params: Record<string, string | number>, timeoutMs: () => number): Promise<TransportReply>;
  envelopeOf(command: string, reply: TransportReply): Envelope;
}

export async function handshake(deps: HandshakeDeps, password: string): Promise<void> {
  const { clock, timeoutMs } = deps;
  const startParams = { version: CLIENT_VERSION, agent: deps.agent, login: deps.login, type: 'manager' };
  const start = authEnvelope(deps, 'auth/start', await deps.exchange('auth/start', startParams, () => timeoutMs));
  if (start.retcode !== Retcode.OK) throw refused(deps, start);
  const srvRand = randOf(start.body.srv_rand);
  const startedAt = clock.now();
  const pw = passwordHash(password);
  const cliRand = newRand();
  let answerTimeoutMs = 0;
  const answerWithin = () => {
    answerTimeoutMs = Math.min(timeoutMs, AUTH_WINDOW_MS - (clock.now() - startedAt));
    if (answerTimeoutMs <= 0)
      throw new WebApiError('timeout', 'the 10 s authentication window passed before the answer could be sent');
    return answerTimeoutMs;
  };
  const answerParams = { srv_rand_answer: answerTo(pw, srvRand), cli_rand: cliRand };
  const reply = await deps.exchange('auth/answer', answerParams, answerWithin).catch((error: unknown) => {
    if (error instanceof WebApiError && error.code === 'timeout' && answerTimeoutMs > 0) {
      throw new WebApiError('timeout', `the server did not answer the authentication within ${answerTimeoutMs} ms`);
    }
    throw error;
  });
  const answer = authEnvelope(deps, 'auth/answer', reply);
  if (answer.retcode !== Retcode.OK) throw refused(deps, answer);
  const proof = typeof answer.body.cli_rand_answer === 'string' ? answer.body.cli_rand_answer : '';
  if (!answersMatch(answerTo(pw, randFromHex(cliRand)), proof)) {
    // Whoever answered does not know the password: maybe not the broker's server.
    throw new WebApiError(
      'server_proof',
      `${deps.url}: the server failed to prove it knows the password (cli_rand_answer mismatch); refusing the session`,
    );
  }
}

/** Servers refuse a login with HTTP 403 and the retcode in the body, or with 200 and the retcode. */
function authEnvelope(deps: HandshakeDeps, command: string, reply: TransportReply): Envelope {
  if (reply.status === 403) {
    try {
      return parseEnvelope(reply.body);
    } catch {
      // No envelope: the HTTP error below says what is known.
    }
  }
  return deps.envelopeOf(command, reply);
}

function refused(deps: HandshakeDeps, envelope: Envelope): WebApiError {
  const { retcode, retcodeText } = envelope;
  if (CREDENTIAL_RETCODES.has(retcode)) {
    const why =
      retcode === Retcode.AUTH_INVALID_ACCOUNT
        ? `the server refused manager ${deps.login}: wrong login or API password`
        : `the server refused manager ${deps.login} (${retcodeText || 'authentication refused'})`;
    return new WebApiError('credentials', `${why} (retcode ${retcode}); fix the configuration`, retcode);
  }
  return new WebApiError('http', `authentication failed (retcode ${retcode} ${retcodeText})`, retcode);
}

function randOf(value: unknown): Buffer {
  try {
    return randFromHex(typeof value === 'string' ? value : '');
  } catch {
    throw new WebApiError('protocol', 'auth/start: srv_rand is not 32 hex digits');
  }
}
