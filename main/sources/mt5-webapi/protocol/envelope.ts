/**
 * The Web API's reply envelope: {"retcode":"<int> <text>", "answer": …} plus, for some commands,
 * extra top-level fields (auth's srv_rand, tick/last's trans_id). Only the leading integer of the
 * retcode is stable (MT5-PROTOCOL.md §2.3).
 */
export interface Envelope {
  retcode: number;
  /** The server's own words after the number, for logs only. */
  retcodeText: string;
  body: Record<string, unknown>;
}

const RETCODE = /^\s*(\d{1,6})(?:\s+(.*))?$/s;

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

/** Parses a reply's text; a reply that is not the envelope throws EnvelopeError. */
export function parseEnvelope(raw: string): Envelope {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new EnvelopeError(`reply is not JSON: ${raw.slice(0, 80)}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new EnvelopeError('reply is not a JSON object');
  }
  const record = body as Record<string, unknown>;
  const match = typeof record.retcode === 'string' ? RETCODE.exec(record.retcode) : null;
  if (match === null) throw new EnvelopeError(`reply has no retcode: ${JSON.stringify(record.retcode)}`);
  return { retcode: Number(match[1]), retcodeText: match[2] ?? '', body: record };
}

/** The envelope a server sends; used by the simulator's Web API server and by recorded replies. */
export function envelope(retcode: number, text: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ retcode: `${retcode} ${text}`, ...fields });
}
