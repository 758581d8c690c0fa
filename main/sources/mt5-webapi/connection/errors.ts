/**
 * Why a Web API call failed, as a code the source and the gateway branch on and a message a dealer
 * or an administrator can act on. Messages never carry the password or any hash derived from it.
 */
export type WebApiErrorCode =
  /** The server refused the manager login or password (1001 and friends): stop until reconfigured. */
  | 'credentials'
  /** The server's cli_rand_answer did not match: it may not be the broker's server. Stop. */
  | 'server_proof'
  /** No answer within the request timeout (or the 10 s authentication window). */
  | 'timeout'
  /** The connection failed or dropped (reset, refused, TLS). */
  | 'network'
  /** An HTTP status other than 200 (403 is handled by re-authenticating first). */
  | 'http'
  /** A reply that is not the Web API envelope. */
  | 'protocol'
  /** The connection was closed by the desk. */
  | 'closed';

export class WebApiError extends Error {
  constructor(
    readonly code: WebApiErrorCode,
    message: string,
    /** The server's retcode when it gave one. */
    readonly retcode?: number,
    /** The HTTP status when that was the problem. */
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'WebApiError';
  }

  /** Errors that retrying cannot fix: a person must change the configuration first. */
  get terminal(): boolean {
    return this.code === 'credentials' || this.code === 'server_proof' || this.code === 'closed';
  }
}

export const isTerminal = (error: unknown): boolean => error instanceof WebApiError && error.terminal;
