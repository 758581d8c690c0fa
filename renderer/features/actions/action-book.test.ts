import { describe, expect, it, vi } from 'vitest';
import type { ActionRow } from '../../../shared/actions';
import { ActionBook } from './action-book';

const row = (id: string, state: ActionRow['state'], updatedAtMsc: number): ActionRow => ({
  id,
  server: 'sim-1',
  login: 1001,
  kind: 'deposit',
  amount: 100,
  currency: 'USD',
  before: '',
  after: '',
  note: '',
  state,
  requestedBy: 'Dan',
  requestedAtMsc: 1,
  approvedBy: null,
  attempts: 1,
  dealTicket: null,
  updatedAtMsc,
  error: null,
});

describe('ActionBook', () => {
  it('follows an action from the reply through the stream, and records the states seen', () => {
    const book = new ActionBook();
    book.load([]);
    const changed = vi.fn();
    book.onChange(changed);
    book.upsert(row('a', 'pending', 10));
    book.push({ upserts: [row('a', 'confirmed', 20)], removes: [] });
    expect(book.get('a')?.state).toBe('confirmed');
    expect(book.seen('a')).toEqual(['pending', 'confirmed']);
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it('keeps the newer state when a late reply crosses a stream frame', () => {
    const book = new ActionBook();
    book.load([]);
    book.push({ upserts: [row('a', 'confirmed', 20)], removes: [] });
    book.upsert(row('a', 'pending', 10));
    expect(book.get('a')?.state).toBe('confirmed');
    expect(book.feed.get('a')?.state).toBe('confirmed');
  });

  it('folds frames that come before the list and counts what awaits approval', () => {
    const book = new ActionBook();
    book.push({ upserts: [row('b', 'awaiting-approval', 30)], removes: [] });
    expect(book.get('b')?.state).toBe('awaiting-approval');
    expect(book.feed.size).toBe(0);
    book.load([row('a', 'confirmed', 5), row('b', 'awaiting-approval', 25)]);
    expect(book.feed.size).toBe(2);
    expect(book.feed.get('b')?.updatedAtMsc).toBe(30);
    expect(book.awaitingApproval()).toBe(1);
  });
});
