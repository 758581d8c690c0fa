/**
 * What an HTTP reply means to the connection, and which failures are worth sending again.
 */
import { Retcode } from '../../../../shared/mt5';
import { type Envelope, EnvelopeError, parseEnvelope } from '../protocol/envelope';
import { WebApiError } from './errors';
import type { TransportReply } from './transport';

/** The envelope of a 200 reply; any other status, a non-envelope and retcode 12 throw WebApiError. */
export function envelopeOf(command: string, reply: TransportReply): Envelope {
  if (reply.status >= 500) {
    throw new WebApiError('http', `${command}: HTTP ${reply.status} from the server`, undefined, reply.status);
  }
  if (reply.status === 403) {
    const why = 'the manager lacks the right or this IP is not allowed';
    throw new WebApiError('http', `${command}: HTTP 403 after authenticating: ${why}`, undefined, 403);
  }
  if (reply.status !== 200) throw new WebApiError('http', `${command}: HTTP ${reply.status}`, undefined, reply.status);
  let envelope: Envelope;
  try {
    envelope = parseEnvelope(reply.body);
  } catch (error) {
    if (error instanceof EnvelopeError) throw new WebApiError('protocol', `${command}: ${error.message}`);
    throw error;
  }
  if (envelope.retcode === Retcode.ERR_FREQUENT) {
    throw new WebApiError('http', `${command}: the server says requests are too frequent (retcode 12)`, 12);
  }
  return envelope;
}

/**
 * Retry only what may succeed unchanged, and for a request that is not idempotent (trade/balance)
 * only what proves the server did not act: a retcode 12. A lost reply is for the caller to resolve.
 */
export function retryable(error: WebApiError, idempotent: boolean): boolean {
  if (error.terminal || error.code === 'protocol') return false;
  // A 4xx will not change by asking again (a 403 was already answered by re-authenticating once).
  if (error.httpStatus !== undefined && error.httpStatus < 500) return false;
  if (error.retcode === Retcode.ERR_FREQUENT) return true;
  return idempotent && (error.code === 'network' || error.code === 'timeout' || error.code === 'http');
}
