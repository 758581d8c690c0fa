import { describe, expect, it } from 'vitest';
import { auditFilterSchema } from '../../../shared/actions';
import { auditFilterOf, describeVerification, emptyAuditForm, formatAuditValue } from './audit-filter';
import { safeCsvFilename } from './csv-download';

describe('auditFilterOf', () => {
  it('sends only what the operator filled in', () => {
    expect(auditFilterOf(emptyAuditForm)).toEqual({ ok: true, filter: {} });
    const parsed = auditFilterOf({
      ...emptyAuditForm,
      operator: ' Dan ',
      action: 'balance',
      login: '1001',
      result: 'refused',
    });
    expect(parsed).toEqual({
      ok: true,
      filter: { operator: 'Dan', action: 'balance', login: 1001, result: 'refused' },
    });
    if (parsed.ok) expect(auditFilterSchema.safeParse(parsed.filter).success).toBe(true);
  });
  it('reads the time range in the operator’s clock', () => {
    const parsed = auditFilterOf({ ...emptyAuditForm, from: '2025-01-06T08:00', to: '2025-01-06T09:00' });
    expect(parsed).toEqual({
      ok: true,
      filter: { fromMsc: new Date('2025-01-06T08:00').getTime(), toMsc: new Date('2025-01-06T09:00').getTime() },
    });
  });
  it('refuses a login that is not a number and a range that runs backwards', () => {
    expect(auditFilterOf({ ...emptyAuditForm, login: '10a' }).ok).toBe(false);
    expect(auditFilterOf({ ...emptyAuditForm, from: '2025-01-06T09:00', to: '2025-01-06T08:00' }).ok).toBe(false);
  });
});

describe('audit words', () => {
  it('shows before/after compactly', () => {
    expect(formatAuditValue(null)).toBe('');
    expect(formatAuditValue('1:100')).toBe('1:100');
    expect(formatAuditValue({ leverage: 200 })).toBe('{"leverage":200}');
    expect(formatAuditValue(12)).toBe('12');
  });
  it('says whether the chain holds and where it broke', () => {
    expect(describeVerification({ entries: 1200, ok: true, firstBroken: null })).toBe(
      'OK: 1,200 entries, chain intact',
    );
    expect(describeVerification({ entries: 9, ok: false, firstBroken: { id: 4, reason: 'hash mismatch' } })).toBe(
      'BROKEN at #4: hash mismatch (9 entries)',
    );
  });
});

describe('safeCsvFilename', () => {
  it('keeps a good name and adds .csv when missing', () => {
    expect(safeCsvFilename('audit-2025-01-06.csv')).toBe('audit-2025-01-06.csv');
    expect(safeCsvFilename('audit-2025-01-06')).toBe('audit-2025-01-06.csv');
  });
  it('drops folders and characters a file system refuses', () => {
    expect(safeCsvFilename('../../etc/passwd')).toBe('passwd.csv');
    expect(safeCsvFilename('C:\\temp\\a:b?.csv')).toBe('a_b_.csv');
    expect(safeCsvFilename('...')).toBe('audit.csv');
    expect(safeCsvFilename('')).toBe('audit.csv');
  });
});
