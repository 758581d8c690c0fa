import { describe, expect, it } from 'vitest';
import { AlertBook } from './alert-book';
import { alertRow } from './alert-fixtures';
import { CriticalAlertGate } from './critical-alerts';
import { watchCriticalAlerts } from './critical-watch';

describe('CriticalAlertGate', () => {
  it('rings once for a critical alert that opens, however often its value moves', () => {
    const gate = new CriticalAlertGate();
    const critical = alertRow({ level: 'critical' });
    expect(gate.select([critical])).toHaveLength(1);
    expect(gate.select([{ ...critical, value: 1, lastMsc: 5_000 }])).toHaveLength(0);
  });

  it('rings when a warning escalates, not while it is a warning, and not again after a dip to warn', () => {
    const gate = new CriticalAlertGate();
    const warn = alertRow();
    expect(gate.select([warn])).toHaveLength(0);
    expect(gate.select([{ ...warn, level: 'critical' }])).toHaveLength(1);
    expect(gate.select([{ ...warn, level: 'warn' }])).toHaveLength(0);
    expect(gate.select([{ ...warn, level: 'critical' }])).toHaveLength(0);
  });

  it('rings again for a new occurrence of the same key', () => {
    const gate = new CriticalAlertGate();
    expect(gate.select([alertRow({ level: 'critical', firstMsc: 1 })])).toHaveLength(1);
    expect(gate.select([alertRow({ level: 'critical', firstMsc: 99 })])).toHaveLength(1);
  });

  it('never rings for alerts in hand or resolved, nor for those remembered from the first list', () => {
    const gate = new CriticalAlertGate();
    expect(gate.select([alertRow({ key: 'a', level: 'critical', state: 'acknowledged' })])).toHaveLength(0);
    expect(gate.select([alertRow({ key: 'b', level: 'critical', state: 'snoozed' })])).toHaveLength(0);
    expect(gate.select([alertRow({ key: 'c', level: 'critical', state: 'resolved' })])).toHaveLength(0);
    gate.remember([alertRow({ key: 'd', level: 'critical' })]);
    expect(gate.select([alertRow({ key: 'd', level: 'critical', value: 2 })])).toHaveLength(0);
  });
});

describe('watchCriticalAlerts', () => {
  it('beeps once per batch, notifies per alert, and stays quiet for the list it started with', () => {
    const book = new AlertBook();
    const calls: string[] = [];
    watchCriticalAlerts(book, {
      beep: () => calls.push('beep'),
      notify: (a) => calls.push(`notify:${a.key}`),
      rung: (n) => calls.push(`rung:${n}`),
    });
    book.push({ upserts: [alertRow({ key: 'early', level: 'critical' })], removes: [] });
    book.load([alertRow({ key: 'listed', level: 'critical' })]);
    expect(calls).toEqual(['beep', 'notify:early', 'rung:1']);
    calls.length = 0;
    book.push({
      upserts: [
        alertRow({ key: 'listed', level: 'critical', value: 7 }),
        alertRow({ key: 'x', level: 'critical' }),
        alertRow({ key: 'y', level: 'critical' }),
      ],
      removes: [],
    });
    expect(calls).toEqual(['beep', 'notify:x', 'notify:y', 'rung:2']);
  });
});
