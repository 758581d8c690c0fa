/**
 * Rings for critical alerts: a beep and a desktop notification when one opens or escalates
 * while the window watches (CriticalAlertGate decides which). Started beside the session, before
 * React mounts, so the first list is remembered as "already seen" before any batch arrives.
 */
import type { AlertRow } from '../../../shared/contract';
import type { AlertBook } from './alert-book';
import { CriticalAlertGate } from './critical-alerts';

export interface CriticalEffects {
  /** Once per batch, however many alerts it brings: one beep says "look", ten say nothing more. */
  beep(): void;
  notify(alert: AlertRow): void;
  rung(count: number): void;
}

export function watchCriticalAlerts(book: AlertBook, effects: CriticalEffects): () => void {
  const gate = new CriticalAlertGate();
  if (book.isLoaded) gate.remember(book.list());
  const offListed = book.onListed((list) => gate.remember(list));
  const offLive = book.onLive((alerts) => {
    const ring = gate.select(alerts);
    if (ring.length === 0) return;
    effects.beep();
    for (const alert of ring) effects.notify(alert);
    effects.rung(ring.length);
  });
  return () => {
    offListed();
    offLive();
  };
}
