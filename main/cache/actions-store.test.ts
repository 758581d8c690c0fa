import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type NewAction, openActionsStore } from './actions-store';

const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'actions-store-'));
  dirs.push(dir);
  return path.join(dir, 'desk.db');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const deposit = (overrides: Partial<NewAction> = {}): NewAction => ({
  server: 's1',
  login: 1001,
  kind: 'deposit',
  dealAction: 2,
  amount: 150_000,
  change: null,
  currency: 'USD',
  before: 'Balance 0.00 USD',
  after: 'Balance 1,500.00 USD',
  note: 'wire 42',
  state: 'sending',
  requestedBy: 'alice',
  requestedAtMsc: 1_000,
  requestId: 'req-00000001',
  approvedBy: null,
  attempts: 0,
  dealTicket: null,
  updatedAtMsc: 1_000,
  error: null,
  ...overrides,
});

describe('actions store', () => {
  it('gives ids from a per-install prefix and a counter that survive a reopen', () => {
    const file = tempDb();
    const first = openActionsStore(file);
    const a = first.create(deposit(), (id) => `${id} wire 42`);
    const b = first.create(deposit({ requestId: null }));
    expect(a.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-1$/);
    expect(b.id).toBe(a.id.replace(/-1$/, '-2'));
    expect(a.comment).toBe(`${a.id} wire 42`);
    first.close();
    const again = openActionsStore(file);
    expect(again.peekNextId()).toBe(a.id.replace(/-1$/, '-3'));
    expect(again.get(a.id)).toEqual(a);
    again.close();
    // Another install (another desk.db) has its own prefix: ids do not collide across desks.
    const other = openActionsStore(tempDb());
    expect(other.peekNextId()).not.toBe(a.id);
    other.close();
  });

  it('writes each state change durably and finds what a restart must resume', () => {
    const file = tempDb();
    const store = openActionsStore(file);
    const sending = store.create(deposit());
    const done = store.create(deposit({ requestId: null }));
    store.update(done.id, { state: 'confirmed', attempts: 1, dealTicket: 77, updatedAtMsc: 2_000 });
    const failed = store.create(deposit({ requestId: null, requestedAtMsc: 500 }));
    store.update(failed.id, { state: 'failed', error: { message: 'no money', retcode: 10019 }, updatedAtMsc: 2_000 });
    store.close();

    const reopened = openActionsStore(file);
    expect(reopened.unsettled().map((a) => a.id)).toEqual([sending.id]);
    expect(reopened.get(failed.id)?.error).toEqual({ message: 'no money', retcode: 10019 });
    expect(reopened.get(done.id)).toMatchObject({ state: 'confirmed', attempts: 1, dealTicket: 77 });
    expect(reopened.byRequest('alice', 'req-00000001')?.id).toBe(sending.id);
    expect(reopened.byRequest('bob', 'req-00000001')).toBeUndefined();
    // Settled before the cut-off drop out of the list; unsettled never do.
    expect(reopened.list({ settledSinceMsc: 900 }).map((a) => a.id)).toEqual([done.id, sending.id]);
    expect(reopened.list({ settledSinceMsc: 0, server: 's1', login: 1001 })).toHaveLength(3);
    expect(reopened.list({ settledSinceMsc: 0, server: 's2' })).toHaveLength(0);
    reopened.close();
  });

  it('refuses a second action with the same request id from the same operator', () => {
    const store = openActionsStore(tempDb());
    store.create(deposit());
    expect(() => store.create(deposit())).toThrow(/UNIQUE/);
    expect(store.create(deposit({ requestedBy: 'bob' })).requestedBy).toBe('bob');
    store.close();
  });

  it('keeps account changes as JSON and refuses a row that is neither money nor a change', () => {
    const store = openActionsStore(tempDb());
    const change = store.create(
      deposit({ kind: 'leverage', dealAction: null, amount: null, change: { leverage: 200 }, requestId: null }),
    );
    expect(store.get(change.id)?.change).toEqual({ leverage: 200 });
    expect(() => store.create(deposit({ kind: 'leverage', requestId: null }))).toThrow(/CHECK/);
    store.close();
  });
});
