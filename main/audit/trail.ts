/**
 * The audit trail as the rest of the core sees it: append-only, each entry chained to the one
 * before by a sha256 hash, so an edited or deleted row is found by `verify`.
 * Implemented on desk.db by `openAuditTrail` (main/cache/audit-store.ts).
 */
import type { AuditEntry, AuditFilter, AuditResult, AuditVerification } from '../../shared/actions';

/** What a caller says happened; the trail adds the id, the time and the hash. */
export interface AuditRecord {
  operator: string;
  action: string;
  server: string | null;
  login: number | null;
  subject: string;
  before: unknown;
  after: unknown;
  result: AuditResult;
  message: string;
}

export interface AuditTrail {
  /** Appends one entry in its own durable transaction and returns it as stored. */
  append(record: AuditRecord): AuditEntry;
  /** Appends several entries, in order, in one durable transaction: all of them or none. */
  appendAll(records: readonly AuditRecord[]): AuditEntry[];
  /** Newest first; `beforeId` pages back. */
  list(filter: AuditFilter, page?: { beforeId?: number; limit?: number }): AuditEntry[];
  /** Walks the chain from the first entry; reports the first broken link. */
  verify(): AuditVerification;
  /** Every matching entry, oldest first, as RFC 4180 CSV with a header row. */
  exportCsv(filter: AuditFilter): { csv: string; rows: number };
}
