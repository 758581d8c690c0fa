/**
 * The audit view's filter form → the contract's AuditFilter, and how an entry's before/after and a
 * verification read. Pure, for the panel and its tests.
 */
import type { AuditFilter, AuditResult, AuditVerification } from '../../../shared/actions';
import { auditResultSchema } from '../../../shared/actions';
import { parseLocalDateTime } from '../actions/desk-time';

export interface AuditForm {
  operator: string;
  action: string;
  login: string;
  result: '' | AuditResult;
  /** `datetime-local` values, the operator's own clock. */
  from: string;
  to: string;
}

export const emptyAuditForm: AuditForm = { operator: '', action: '', login: '', result: '', from: '', to: '' };

export type AuditFilterOrProblem = { ok: true; filter: AuditFilter } | { ok: false; message: string };

export function auditFilterOf(form: AuditForm): AuditFilterOrProblem {
  const filter: AuditFilter = {};
  if (form.operator.trim()) filter.operator = form.operator.trim();
  if (form.action.trim()) filter.action = form.action.trim();
  if (form.login.trim()) {
    const login = Number(form.login.trim());
    if (!Number.isInteger(login)) return { ok: false, message: 'A login is a whole number.' };
    filter.login = login;
  }
  if (form.result) filter.result = auditResultSchema.parse(form.result);
  const from = parseLocalDateTime(form.from);
  const to = parseLocalDateTime(form.to);
  if (form.from && from === undefined) return { ok: false, message: 'The "from" time is not a date.' };
  if (form.to && to === undefined) return { ok: false, message: 'The "to" time is not a date.' };
  if (from !== undefined && to !== undefined && from > to) return { ok: false, message: '"From" is after "to".' };
  if (from !== undefined) filter.fromMsc = from;
  if (to !== undefined) filter.toMsc = to;
  return { ok: true, filter };
}

/** before/after as one short line: strings as they are, objects as compact JSON, nothing as empty. */
export function formatAuditValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export function describeVerification(v: AuditVerification): string {
  if (v.ok) return `OK: ${v.entries.toLocaleString('en-US')} entries, chain intact`;
  const at = v.firstBroken ? ` at #${v.firstBroken.id}: ${v.firstBroken.reason}` : '';
  return `BROKEN${at} (${v.entries.toLocaleString('en-US')} entries)`;
}
