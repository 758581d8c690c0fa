/**
 * The desk's money limits (shared/operators.ts `Limits`), kept in desk.db's settings under
 * `limits`. A stored value that no longer validates falls back to the defaults with one logged
 * line, so a bad row can never stop the desk; every save is audited with the value before and after.
 */
import { DeskRequestError } from '../../shared/contract';
import { type Actor, defaultLimits, type Limits, limitsSchema } from '../../shared/operators';
import type { AuditTrail } from '../audit/trail';
import type { RecordStore } from '../cache/record-store';

export const LIMITS_SETTING = 'limits';

export interface DeskLimitsOptions {
  record: Pick<RecordStore, 'setting' | 'saveSetting'>;
  audit: Pick<AuditTrail, 'append'>;
  log?: (line: string) => void;
}

export class DeskLimits {
  private readonly record: DeskLimitsOptions['record'];
  private readonly audit: DeskLimitsOptions['audit'];
  private readonly log: (line: string) => void;
  /** The last bad stored value reported, so a hot path reading limits logs it once, not every time. */
  private reported: string | undefined;

  constructor(options: DeskLimitsOptions) {
    this.record = options.record;
    this.audit = options.audit;
    this.log = options.log ?? (() => {});
  }

  /** The limits in force: the saved ones, or the defaults when none were saved or they are unreadable. */
  get(): Limits {
    let stored: unknown;
    try {
      stored = this.record.setting(LIMITS_SETTING);
    } catch (error) {
      return this.fallBack(`cannot be read (${String(error)})`);
    }
    if (stored === undefined) return { ...defaultLimits };
    const parsed = limitsSchema.safeParse(stored);
    if (!parsed.success) return this.fallBack(`do not validate (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    return parsed.data;
  }

  /** Admins only (the router checks the permission; this checks the role again). */
  save(actor: Actor, limits: Limits): Limits {
    if (actor.role !== 'admin') throw new DeskRequestError('forbidden', 'Only an admin may change the limits.');
    const parsed = limitsSchema.safeParse(limits);
    if (!parsed.success) {
      throw new DeskRequestError('bad_request', parsed.error.issues[0]?.message ?? 'The limits are not valid.');
    }
    const before = this.get();
    this.record.saveSetting(LIMITS_SETTING, parsed.data);
    this.reported = undefined;
    this.audit.append({
      operator: actor.name,
      action: 'limits.save',
      server: null,
      login: null,
      subject: LIMITS_SETTING,
      before,
      after: parsed.data,
      result: 'ok',
      message: `dealer max ${parsed.data.dealerMaxAmount}, four eyes above ${parsed.data.fourEyesAbove}`,
    });
    return parsed.data;
  }

  private fallBack(why: string): Limits {
    if (this.reported !== why) {
      this.reported = why;
      this.log(`limits: the stored limits ${why}; using the defaults until an admin saves them again`);
    }
    return { ...defaultLimits };
  }
}
