import { describe, expect, it } from 'vitest';
import { AlertBook, compareAlerts, countAlerts } from './alert-book';
import { alertRow } from './alert-fixtures';

describe('AlertBook', () => {
  it('lists newest first, then by key', () => {
    const rows = [
      alertRow({ key: 'b', firstMsc: 10 }),
      alertRow({ key: 'a', firstMsc: 10 }),
      alertRow({ key: 'c', firstMsc: 30 }),
      alertRow({ key: 'd', firstMsc: 5 }),
    ];
    expect([...rows].sort(compareAlerts).map((r) => r.key)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('folds batches that come before the list and lets them win over it', () => {
    const book = new AlertBook();
    const live: string[] = [];
    book.onLive((alerts) => live.push(...alerts.map((a) => `${a.key}:${a.state}`)));
    book.push({ upserts: [alertRow({ key: 'x', state: 'acknowledged' })], removes: [] });
    expect(book.size).toBe(0);
    book.load([alertRow({ key: 'x' }), alertRow({ key: 'y', firstMsc: 2_000 })]);
    expect(book.list().map((a) => `${a.key}:${a.state}`)).toEqual(['y:open', 'x:acknowledged']);
    expect(live).toEqual(['x:acknowledged']);
  });

  it('tells listeners once per batch and keeps the sorted list until a change', () => {
    const book = new AlertBook();
    book.load([]);
    let changes = 0;
    book.onChange(() => changes++);
    const before = book.list();
    expect(book.list()).toBe(before);
    book.push({ upserts: [alertRow({ key: 'a' }), alertRow({ key: 'b' })], removes: [] });
    expect(changes).toBe(1);
    expect(book.list()).not.toBe(before);
    book.upsert(alertRow({ key: 'a', state: 'acknowledged' }));
    expect(book.get('a')!.state).toBe('acknowledged');
    expect(changes).toBe(2);
  });

  it('keeps its shape while only a value moves, and writes the new row in its place', () => {
    const book = new AlertBook();
    book.load([alertRow({ key: 'a', firstMsc: 2_000 }), alertRow({ key: 'b', firstMsc: 1_000 })]);
    const list = book.list();
    const shape = book.shape;
    const revision = book.revision;
    book.push({ upserts: [alertRow({ key: 'b', firstMsc: 1_000, value: 700_000_000 })], removes: [] });
    expect(book.shape).toBe(shape);
    expect(book.revision).toBe(revision + 1);
    expect(book.list()).toBe(list);
    expect(book.list().map((a) => [a.key, a.value])).toEqual([
      ['a', 600_000_000],
      ['b', 700_000_000],
    ]);
  });

  it('changes its shape for a new alert, or a new state, level or first time', () => {
    const book = new AlertBook();
    book.load([alertRow({ key: 'a', firstMsc: 2_000 }), alertRow({ key: 'b', firstMsc: 1_000 })]);
    book.list();
    const shapes = [book.shape];
    book.upsert(alertRow({ key: 'b', firstMsc: 1_000, state: 'acknowledged' }));
    shapes.push(book.shape);
    book.push({
      upserts: [alertRow({ key: 'b', firstMsc: 1_000, state: 'acknowledged', level: 'critical' })],
      removes: [],
    });
    shapes.push(book.shape);
    book.push({
      upserts: [alertRow({ key: 'b', firstMsc: 3_000, state: 'acknowledged', level: 'critical' })],
      removes: [],
    });
    shapes.push(book.shape);
    expect(book.list().map((a) => a.key)).toEqual(['b', 'a']);
    book.push({ upserts: [alertRow({ key: 'c', firstMsc: 500 })], removes: [] });
    shapes.push(book.shape);
    expect(new Set(shapes).size).toBe(5);
    expect(book.list().map((a) => `${a.key}:${a.state}:${a.level}`)).toEqual([
      'b:acknowledged:critical',
      'a:open:warn',
      'c:open:warn',
    ]);
  });

  it('counts open criticals and warnings; handled and resolved alerts are not open', () => {
    const counts = countAlerts([
      alertRow({ key: '1', level: 'critical' }),
      alertRow({ key: '2', level: 'critical', state: 'acknowledged' }),
      alertRow({ key: '3', level: 'warn' }),
      alertRow({ key: '4', level: 'warn', state: 'snoozed' }),
      alertRow({ key: '5', level: 'critical', state: 'resolved' }),
    ]);
    expect(counts).toEqual({ openCritical: 1, openWarn: 1, active: 4 });
  });

  it('keeps what it showed over a reconnect and folds until the new list', () => {
    const book = new AlertBook();
    book.load([alertRow({ key: 'old', state: 'resolved' })]);
    book.resync();
    book.push({ upserts: [alertRow({ key: 'new' })], removes: [] });
    expect(book.get('new')).toBeUndefined();
    book.load([]);
    expect(
      book
        .list()
        .map((a) => a.key)
        .sort(),
    ).toEqual(['new', 'old']);
  });
});
