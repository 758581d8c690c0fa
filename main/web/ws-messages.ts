/**
 * Reads one browser → desk WebSocket message. Every message is untrusted: binary frames, oversized
 * text, broken JSON and wrong shapes are refused with a reply (echoing the id when one could be read)
 * rather than an exception that would take the connection, or the desk, down.
 */
import { z } from 'zod';
import { MAX_MESSAGE_BYTES, type RequestId, type WsRequest } from '../../shared/wire';

const requestId = z.union([z.string().min(1).max(64), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]);
const wsRequestSchema = z.object({ id: requestId, channel: z.string().max(128), input: z.unknown() }).strict();

export type ReadResult = { ok: true; request: WsRequest } | { ok: false; id: RequestId | null; message: string };

export function readWsRequest(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): ReadResult {
  const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  if (bytes.byteLength > MAX_MESSAGE_BYTES) {
    return { ok: false, id: null, message: `Message refused: larger than ${MAX_MESSAGE_BYTES} bytes.` };
  }
  if (isBinary) return { ok: false, id: null, message: 'Message refused: the desk speaks JSON text, not binary.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, id: null, message: 'Message refused: not valid JSON.' };
  }
  const shape = wsRequestSchema.safeParse(parsed);
  if (shape.success) return { ok: true, request: shape.data as WsRequest };
  const id = requestId.safeParse((parsed as { id?: unknown } | null)?.id);
  return {
    ok: false,
    id: id.success ? id.data : null,
    message: 'Message refused: expected { id, channel, input } with a string or whole-number id.',
  };
}
