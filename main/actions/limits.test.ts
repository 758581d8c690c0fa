import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { DeskRequestError } from '../../shared/contract';
import { defaultLimits } from '../../shared/operators';
import { type AuditStore, openAuditTrail } from '../cache/audit-store';
import { openRecordStore, type RecordStore } from '../cache/record-store';
import { tempFolder } from '../cache/test-events';
import { DeskLimits, LIMITS_SETTING } from './limits';

const admin = { name: 'Alice', role: 'admin' } as const;

describe('desk limits', () => {
  let folder: ReturnType<typeof tempFolder>;
  let file: string;
  let record: RecordStore;
  let audit: AuditStore;
  let log: Mock<(line: string) => void>;
  let limits: DeskLimits;
  beforeEach(() => {
    folder = tempFolder();
    file = join(folder.path, 'desk.db');
    record = openRecordStore(file);
    audit = openAuditTrail(file);
    log = vi.fn<(line: string) => void>();
    limits = new DeskLimits({ record, audit, log });
  });
  afterEach(() => {
    record.close();
    audit.close();
    folder.remove();
  });

  it('gives the defaults until an admin saves limits, then the saved ones (across a reopen)', () => {
    expect(limits.get()).toEqual(defaultLimits);
    const saved = limits.save(admin, { dealerMaxAmount: 20_000, fourEyesAbove: 5_000 });
    expect(saved).toEqual({ dealerMaxAmount: 20_000, fourEyesAbove: 5_000 });
    record.close();
    record = openRecordStore(file);
    expect(new DeskLimits({ record, audit }).get()).toEqual(saved);
  });

  it('audits each save with the limits before and after', () => {
    limits.save(admin, { dealerMaxAmount: 20_000, fourEyesAbove: 5_000 });
    limits.save(admin, { dealerMaxAmount: 30_000, fourEyesAbove: 5_000 });
    expect(
      audit
        .list({ action: 'limits' })
        .map((e) => [e.operator, e.action, e.subject, e.before, e.after, e.result])
        .reverse(),
    ).toEqual([
      ['Alice', 'limits.save', 'limits', defaultLimits, { dealerMaxAmount: 20_000, fourEyesAbove: 5_000 }, 'ok'],
      [
        'Alice',
        'limits.save',
        'limits',
        { dealerMaxAmount: 20_000, fourEyesAbove: 5_000 },
        { dealerMaxAmount: 30_000, fourEyesAbove: 5_000 },
        'ok',
      ],
    ]);
    expect(audit.verify().ok).toBe(true);
  });

  it('refuses a non-admin and invalid limits, saving and auditing nothing', () => {
    expect(() => limits.save({ name: 'Dana', role: 'dealer' }, { dealerMaxAmount: 1, fourEyesAbove: 0 })).toThrow(
      DeskRequestError,
    );
    expect(() => limits.save(admin, { dealerMaxAmount: 0, fourEyesAbove: 0 })).toThrow(
      expect.objectContaining({ code: 'bad_request' }),
    );
    expect(() =>
      limits.save(admin, { dealerMaxAmount: 10, fourEyesAbove: 0, extra: 1 } as unknown as typeof defaultLimits),
    ).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(limits.get()).toEqual(defaultLimits);
    expect(audit.list({})).toEqual([]);
  });

  it('falls back to the defaults, logging once, when the stored value does not validate', () => {
    record.saveSetting(LIMITS_SETTING, { dealerMaxAmount: 'lots', fourEyesAbove: 5 });
    expect(limits.get()).toEqual(defaultLimits);
    expect(limits.get()).toEqual(defaultLimits);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toMatch(/^limits: the stored limits do not validate/);
    // An admin saving again repairs it.
    limits.save(admin, { dealerMaxAmount: 7_000, fourEyesAbove: 1_000 });
    expect(limits.get()).toEqual({ dealerMaxAmount: 7_000, fourEyesAbove: 1_000 });
  });

  it('falls back to the defaults when the stored text is not JSON at all', () => {
    const db = new Database(file);
    try {
      // The CHECK (json_valid) constraint guards the column; someone with the file can still drop it.
      db.pragma('ignore_check_constraints = ON');
      db.prepare('INSERT INTO settings (key, value, updated_msc) VALUES (?, ?, 0)').run(LIMITS_SETTING, '{oops');
    } finally {
      db.close();
    }
    expect(limits.get()).toEqual(defaultLimits);
    expect(log.mock.calls[0]?.[0]).toMatch(/^limits: the stored limits cannot be read/);
  });
});
