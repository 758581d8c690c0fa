/**
 * The active alerts and their life cycle, whatever rule raised them: open, escalate,
 * de-escalate, acknowledge, snooze, re-open, resolve. Each change is recorded once, as it
 * happens, with who did it; the engine drains them for the core to persist and stream.
 *
 * Invariant: at most one active (not resolved) alert per key.
 */

import type {
  Alert,
  AlertActionResult,
  AlertChangeKind,
  AlertDrain,
  AlertLevel,
  AlertRule,
  AlertUnit,
} from '../../../shared/alerts';
import type { ServerId } from '../../../shared/domain';
import type { Money, TimeMsc } from '../../../shared/units';
import { levelRank } from './band';

/** What a rule measured for one subject: the level it stands at (null: within limits) and why. */
export interface Reading {
  key: string;
  rule: AlertRule;
  server: ServerId | null;
  subject: string;
  level: AlertLevel | null;
  value: number;
  threshold: number;
  unit: AlertUnit;
  message: string;
  brokerNetNotional: Money | null;
}

/** Rules whose alerts record an event (a deal), not a condition: nothing can clear them but a person. */
const ONE_SHOT_RULES: ReadonlySet<AlertRule> = new Set(['large-money', 'large-deal']);

export const isOneShot = (rule: AlertRule): boolean => ONE_SHOT_RULES.has(rule);

export class AlertLedger {
  private readonly active = new Map<string, Alert>();
  private readonly snoozed = new Set<string>();
  /**
   * Keys a person resolved while their condition still held, with the level they had. They stay
   * silent until the condition clears (then a new crossing opens a new alert) or gets worse than
   * that level; otherwise a manual resolve of a live breach would re-open on the next tick.
   */
  private readonly quiet = new Map<string, { level: AlertLevel; rule: AlertRule }>();
  private changes: Alert[] = [];
  private changeMeta: { kind: AlertChangeKind; atMsc: TimeMsc; by: string | null }[] = [];
  private readonly updated = new Map<string, Alert>();

  /** The level a key holds for hysteresis: its active alert's, or the level a person silenced. */
  levelOf(key: string): AlertLevel | null {
    return this.active.get(key)?.level ?? this.quiet.get(key)?.level ?? null;
  }

  find(key: string): Alert | undefined {
    const alert = this.active.get(key);
    return alert && { ...alert };
  }

  list(): Alert[] {
    return [...this.active.values()].map((alert) => ({ ...alert }));
  }

  get size(): number {
    return this.active.size;
  }

  /** Applies a condition rule's reading: opens, escalates, de-escalates, refreshes or clears. */
  assess(reading: Reading, nowMsc: TimeMsc): void {
    const alert = this.active.get(reading.key);
    if (!alert) {
      const silenced = this.quiet.get(reading.key)?.level;
      if (reading.level === null) {
        this.quiet.delete(reading.key);
        return;
      }
      if (silenced !== undefined && levelRank(reading.level) <= levelRank(silenced)) return;
      this.quiet.delete(reading.key);
      this.open(reading, reading.level, nowMsc);
      return;
    }
    refresh(alert, reading, nowMsc);
    if (reading.level === null) {
      this.close(alert, null, nowMsc);
    } else if (levelRank(reading.level) > levelRank(alert.level)) {
      alert.level = reading.level;
      // A worse level is news: an acknowledgement or snooze of the milder one does not cover it.
      if (alert.state !== 'open') this.reopenFields(alert);
      this.record(alert, 'escalated', nowMsc, null);
    } else if (levelRank(reading.level) < levelRank(alert.level)) {
      alert.level = reading.level;
      this.record(alert, 'deescalated', nowMsc, null);
    } else {
      this.updated.set(alert.key, alert);
    }
  }

  /** Opens a one-shot alert for an event, once per key (a replayed deal does not raise it again). */
  raiseOnce(reading: Reading, nowMsc: TimeMsc): void {
    if (reading.level === null || this.active.has(reading.key)) return;
    this.open(reading, reading.level, nowMsc);
  }

  acknowledge(key: string, by: string, nowMsc: TimeMsc): AlertActionResult {
    const alert = this.active.get(key);
    if (!alert) return notActive(key);
    if (alert.state !== 'acknowledged') {
      this.snoozed.delete(key);
      alert.state = 'acknowledged';
      alert.acknowledgedBy = by;
      alert.acknowledgedMsc = nowMsc;
      alert.snoozedBy = null;
      alert.snoozedUntilMsc = null;
      this.record(alert, 'acknowledged', nowMsc, by);
    }
    const acknowledged = { ...alert };
    // An event that was seen is dealt with: keeping it active would grow the list for ever.
    if (isOneShot(alert.rule)) this.close(alert, by, nowMsc);
    return { ok: true, value: acknowledged };
  }

  snooze(key: string, by: string, untilMsc: TimeMsc, nowMsc: TimeMsc): AlertActionResult {
    const alert = this.active.get(key);
    if (!alert) return notActive(key);
    if (untilMsc <= nowMsc) {
      return {
        ok: false,
        error: { code: 'snooze_in_past', message: 'A snooze must end in the future; pick a later time.' },
      };
    }
    alert.state = 'snoozed';
    alert.snoozedBy = by;
    alert.snoozedUntilMsc = untilMsc;
    this.snoozed.add(key);
    this.record(alert, 'snoozed', nowMsc, by);
    return { ok: true, value: { ...alert } };
  }

  resolve(key: string, by: string, nowMsc: TimeMsc): AlertActionResult {
    const alert = this.active.get(key);
    if (!alert) return notActive(key);
    if (!isOneShot(alert.rule)) this.quiet.set(key, { level: alert.level, rule: alert.rule });
    this.close(alert, by, nowMsc);
    return { ok: true, value: { ...alert } };
  }

  /** Resolves every active alert of these rules (a rule was switched off), in the name of who did it. */
  resolveRules(rules: ReadonlySet<AlertRule>, by: string, nowMsc: TimeMsc): void {
    for (const alert of [...this.active.values()]) if (rules.has(alert.rule)) this.close(alert, by, nowMsc);
    for (const [key, silenced] of [...this.quiet]) if (rules.has(silenced.rule)) this.quiet.delete(key);
  }

  /** Snoozes that ran out re-open: an alert still active is an alert still breached. */
  wake(nowMsc: TimeMsc): void {
    for (const key of this.snoozed) {
      const alert = this.active.get(key);
      if (!alert || alert.snoozedUntilMsc === null || alert.snoozedUntilMsc > nowMsc) continue;
      this.reopenFields(alert);
      this.record(alert, 'reopened', nowMsc, null);
    }
  }

  /** Takes back the active alerts stored before a restart, without recording anything again. */
  restore(alerts: readonly Alert[]): void {
    for (const stored of alerts) {
      if (stored.state === 'resolved') continue;
      this.active.set(stored.key, { ...stored });
      if (stored.state === 'snoozed') this.snoozed.add(stored.key);
    }
  }

  drain(): AlertDrain {
    const changes = this.changes.map((alert, index) => ({ ...this.changeMeta[index]!, alert }));
    const updated = [...this.updated.values()].map((alert) => ({ ...alert }));
    this.changes = [];
    this.changeMeta = [];
    this.updated.clear();
    return { changes, updated };
  }

  private open(reading: Reading, level: AlertLevel, nowMsc: TimeMsc): void {
    const alert: Alert = {
      key: reading.key,
      rule: reading.rule,
      server: reading.server,
      subject: reading.subject,
      level,
      state: 'open',
      firstMsc: nowMsc,
      lastMsc: nowMsc,
      value: reading.value,
      threshold: reading.threshold,
      unit: reading.unit,
      message: reading.message,
      brokerNetNotional: reading.brokerNetNotional,
      acknowledgedBy: null,
      acknowledgedMsc: null,
      snoozedBy: null,
      snoozedUntilMsc: null,
      resolvedBy: null,
      resolvedMsc: null,
    };
    this.active.set(alert.key, alert);
    this.record(alert, 'opened', nowMsc, null);
  }

  private close(alert: Alert, by: string | null, nowMsc: TimeMsc): void {
    alert.state = 'resolved';
    alert.resolvedBy = by;
    alert.resolvedMsc = nowMsc;
    alert.snoozedUntilMsc = null;
    this.active.delete(alert.key);
    this.snoozed.delete(alert.key);
    this.updated.delete(alert.key);
    this.record(alert, 'resolved', nowMsc, by);
  }

  private reopenFields(alert: Alert): void {
    alert.state = 'open';
    alert.acknowledgedBy = null;
    alert.acknowledgedMsc = null;
    alert.snoozedBy = null;
    alert.snoozedUntilMsc = null;
    this.snoozed.delete(alert.key);
  }

  private record(alert: Alert, kind: AlertChangeKind, atMsc: TimeMsc, by: string | null): void {
    this.changes.push({ ...alert });
    this.changeMeta.push({ kind, atMsc, by });
    // The change carries the alert as it stands; a pending refresh of it would only repeat that.
    this.updated.delete(alert.key);
  }
}

function refresh(alert: Alert, reading: Reading, nowMsc: TimeMsc): void {
  alert.value = reading.value;
  alert.threshold = reading.threshold;
  alert.message = reading.message;
  alert.brokerNetNotional = reading.brokerNetNotional;
  alert.lastMsc = nowMsc;
}

function notActive(key: string): AlertActionResult {
  return {
    ok: false,
    error: {
      code: 'alert_not_found',
      message: `Alert ${key} is not active (already resolved, or never raised); refresh the alerts list.`,
    },
  };
}
