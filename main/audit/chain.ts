/**
 * The hash chain of the audit trail: each entry's hash is
 *   sha256_hex(previous entry's hash (hex) + canonicalJson(content))
 * where content is { id, atMsc, operator, action, server, login, subject, before, after, result,
 * message }, and the first entry's previous hash is GENESIS_HASH. Editing any field of an entry, or
 * removing, inserting or reordering entries, breaks the chain from that entry on.
 */
import { createHash } from 'node:crypto';
import type { AuditResult } from '../../shared/actions';
import { canonicalJson, type JsonValue } from './canonical';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedContent {
  id: number;
  atMsc: number;
  operator: string;
  action: string;
  server: string | null;
  login: number | null;
  subject: string;
  before: JsonValue;
  after: JsonValue;
  result: AuditResult;
  message: string;
}

export function entryHash(prevHash: string, content: ChainedContent): string {
  const { id, atMsc, operator, action, server, login, subject, before, after, result, message } = content;
  const canonical = canonicalJson({
    id,
    atMsc,
    operator,
    action,
    server,
    login,
    subject,
    before,
    after,
    result,
    message,
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}
