/**
 * Manager sessions, one per keep-alive TLS socket (MT5-PROTOCOL.md §2.1): the challenge–response
 * of §2.2, then every command on that socket runs as that manager. A socket that closes takes its
 * session with it (the WeakMap lets go), so a client whose connection dropped must log in again.
 *
 * Choices where the doc is silent:
 * - An unknown manager login still gets a srv_rand and fails at auth/answer, as a wrong password
 *   does, so the handshake does not tell which logins exist.
 * - A late auth/answer (after `authAnswerTimeoutMs`) is refused with retcode 9 (timeout), not 1001:
 *   the password may be right, and a client that sees 9 knows to start over rather than report a
 *   wrong password. Both refusals clear the socket's auth state and come with HTTP 403.
 * - auth/answer without a pending challenge is a malformed sequence: retcode 3.
 */
import { Retcode } from '../../../../shared/mt5';
import { answersMatch, answerTo, newRand, passwordHash, randFromHex } from '../../mt5-webapi/protocol/auth-hash';
import type { Params } from './params';
import { ApiError, done, type Reply } from './reply';

export interface Manager {
  login: number;
  password: string;
}

/** The oldest client build the Web API accepts (MT5-PROTOCOL.md §2.2). */
export const MIN_CLIENT_VERSION = 484;
/** The build this server reports in version_access and version_trade. */
export const SERVER_BUILD = '4755';
const HEX_RAND = /^[0-9a-fA-F]{32}$/;

type Session =
  | { stage: 'challenged'; login: number; srvRand: string; atMs: number }
  | { stage: 'authenticated'; login: number };

export class Sessions {
  private readonly bySocket = new WeakMap<object, Session>();

  constructor(
    private readonly managers: readonly Manager[],
    private readonly authAnswerTimeoutMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  isAuthenticated(socket: object): boolean {
    return this.bySocket.get(socket)?.stage === 'authenticated';
  }

  /** The reply to a session command (auth, ping, quit), or undefined for any other command. */
  handle(socket: object, command: string, params: Params): Reply | undefined {
    switch (command) {
      case 'auth/start':
        return this.start(socket, params);
      case 'auth/answer':
        return this.answer(socket, params);
      case 'test/access':
        this.requireAuthenticated(socket);
        return done();
      case 'quit':
        this.requireAuthenticated(socket);
        this.bySocket.delete(socket);
        return { ...done(), closeAfter: true };
      default:
        return undefined;
    }
  }

  requireAuthenticated(socket: object): void {
    if (!this.isAuthenticated(socket)) throw new ApiError(Retcode.ERR_PERMISSIONS, 'Not authenticated', 403);
  }

  private start(socket: object, params: Params): Reply {
    // Starting over drops whatever the socket had: a new handshake never rides on an old session.
    this.bySocket.delete(socket);
    const version = params.int('version');
    const agent = params.text('agent');
    const login = params.int('login');
    if (version < MIN_CLIENT_VERSION) throw new ApiError(Retcode.ERR_PARAMS, `version below ${MIN_CLIENT_VERSION}`);
    if (agent === '' || /\s/.test(agent)) throw new ApiError(Retcode.ERR_PARAMS, 'agent must be a name without spaces');
    if (params.text('type', 'manager').toLowerCase() !== 'manager') throw new ApiError(Retcode.ERR_PARAMS, 'type');
    const srvRand = newRand();
    this.bySocket.set(socket, { stage: 'challenged', login, srvRand, atMs: this.clock() });
    return done({ version_access: SERVER_BUILD, srv_rand: srvRand });
  }

  private answer(socket: object, params: Params): Reply {
    const session = this.bySocket.get(socket);
    if (session?.stage !== 'challenged') throw new ApiError(Retcode.ERR_PARAMS, 'no auth/start on this connection');
    // One answer per challenge, right or wrong: a guesser must start over each time.
    this.bySocket.delete(socket);
    if (this.clock() - session.atMs > this.authAnswerTimeoutMs) {
      throw new ApiError(Retcode.ERR_TIMEOUT, 'auth/answer came too late', 403);
    }
    const cliRand = params.text('cli_rand');
    if (!HEX_RAND.test(cliRand)) throw new ApiError(Retcode.ERR_PARAMS, 'cli_rand must be 32 hex digits');
    const manager = this.managers.find((m) => m.login === session.login);
    const pw = passwordHash(manager?.password ?? newRand());
    const expected = answerTo(pw, randFromHex(session.srvRand));
    if (manager === undefined || !answersMatch(expected, params.text('srv_rand_answer'))) {
      throw new ApiError(Retcode.AUTH_INVALID_ACCOUNT, 'Invalid account', 403);
    }
    this.bySocket.set(socket, { stage: 'authenticated', login: manager.login });
    return done({
      version_access: SERVER_BUILD,
      version_trade: SERVER_BUILD,
      cli_rand_answer: answerTo(pw, randFromHex(cliRand)),
    });
  }
}
