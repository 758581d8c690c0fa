/**
 * Which alert changes deserve a sound and a desktop notification: a CRITICAL alert that opens, or
 * a warning that escalates to critical. Once per occurrence and level, so a critical alert whose
 * value moves every frame, or one that dips to warn and comes back, rings once; a new occurrence
 * of the same key (it resolved, then breached again) rings again. Alerts already in hand
 * (acknowledged, snoozed) or resolved never ring.
 */
import type { AlertLevel } from '../../../shared/alerts';
import type { AlertRow } from '../../../shared/contract';

/** One occurrence of a key at one level. */
export const occurrenceLevel = (alert: Pick<AlertRow, 'key' | 'firstMsc'>, level: AlertLevel): string =>
  `${alert.key}|${alert.firstMsc}|${level}`;

/** Caps the memory of a desk left running for weeks; older occurrences are long resolved. */
const MAX_REMEMBERED = 5_000;

export class CriticalAlertGate {
  private readonly rung = new Set<string>();

  /** Marks alerts as already seen without ringing (the list a window starts with). */
  remember(alerts: Iterable<AlertRow>): void {
    for (const alert of alerts) if (alert.level === 'critical') this.note(occurrenceLevel(alert, 'critical'));
  }

  /** The alerts of a batch that should ring now; each is then remembered. */
  select(alerts: readonly AlertRow[]): AlertRow[] {
    const ring: AlertRow[] = [];
    for (const alert of alerts) {
      if (alert.level !== 'critical' || alert.state !== 'open') continue;
      const id = occurrenceLevel(alert, 'critical');
      if (this.rung.has(id)) continue;
      this.note(id);
      ring.push(alert);
    }
    return ring;
  }

  private note(id: string): void {
    this.rung.add(id);
    if (this.rung.size > MAX_REMEMBERED) {
      const oldest = this.rung.values().next().value;
      if (oldest !== undefined) this.rung.delete(oldest);
    }
  }
}
