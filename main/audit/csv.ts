/**
 * The audit trail as RFC 4180 CSV: comma-separated, CRLF line ends, a field quoted when it holds a
 * comma, a quote or a line break (quotes doubled). Text cells that a spreadsheet would run as a
 * formula (starting with = + - @, or a tab or carriage return) get a leading single quote, so an
 * operator name or comment like `=HYPERLINK(...)` stays text when compliance opens the file.
 */
import type { AuditEntry } from '../../shared/actions';
import { canonicalJson, toJsonValue } from './canonical';

export const AUDIT_CSV_COLUMNS = [
  'id',
  'time_utc',
  'at_msc',
  'operator',
  'action',
  'server',
  'login',
  'subject',
  'result',
  'message',
  'before',
  'after',
  'hash',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: numbers as they are; text guarded against formulas, then quoted if it must be. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly (string | number | null)[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export const auditCsvHeader = (): string => csvLine(AUDIT_CSV_COLUMNS);

export function auditCsvLine(entry: AuditEntry): string {
  return csvLine([
    entry.id,
    isoTime(entry.atMsc),
    entry.atMsc,
    entry.operator,
    entry.action,
    entry.server,
    entry.login,
    entry.subject,
    entry.result,
    entry.message,
    canonicalJson(toJsonValue(entry.before)),
    canonicalJson(toJsonValue(entry.after)),
    entry.hash,
  ]);
}

/** Empty for a time no Date can hold (an edited row must not stop the export). */
function isoTime(msc: number): string {
  const time = new Date(msc);
  return Number.isNaN(time.getTime()) ? '' : time.toISOString();
}

/** e.g. `audit-2024-03-01T14-05-09Z.csv`: sortable, and valid on every file system. */
export const auditCsvFilename = (nowMsc: number): string =>
  `audit-${isoTime(nowMsc)
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-')}.csv`;
