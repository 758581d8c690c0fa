import { describe, expect, it } from 'vitest';
import { type ActionRow, actionStateSchema } from '../../../shared/actions';
import {
  actionKindLabel,
  actionStateLabels,
  actionStateTones,
  formatActionAmount,
  formatActionError,
  formatChange,
  isNewerAction,
  isSettled,
  mayApprove,
} from './action-format';

const row = (patch: Partial<ActionRow> = {}): ActionRow => ({
  id: 'DD-1',
  server: 'sim-1',
  login: 1001,
  kind: 'deposit',
  amount: 150_000,
  currency: 'USD',
  before: '',
  after: '',
  note: '',
  state: 'pending',
  requestedBy: 'Dan Dealer',
  requestedAtMsc: 1_000,
  approvedBy: null,
  attempts: 1,
  dealTicket: null,
  updatedAtMsc: 1_000,
  error: null,
  ...patch,
});

describe('action words and colours', () => {
  it('names every state and gives it a tone', () => {
    for (const state of actionStateSchema.options) {
      expect(actionStateLabels[state]).toMatch(/^[A-Z]/);
      expect(actionStateTones[state]).toBeTruthy();
    }
    expect(actionStateTones.confirmed).toBe('done');
    expect(actionStateTones.failed).toBe('bad');
    expect(actionStateTones.unresolved).toBe('attention');
    expect(actionStateTones['awaiting-approval']).toBe('waiting');
  });

  it('labels balance kinds and account changes', () => {
    expect(actionKindLabel('credit-in')).toBe('Credit in');
    expect(actionKindLabel('leverage')).toBe('Leverage');
  });

  it('formats the signed amount in the account currency, and nothing for account changes', () => {
    expect(formatActionAmount(150_000, 'USD')).toBe('1,500.00 USD');
    expect(formatActionAmount(-2_550, 'EUR')).toBe('-25.50 EUR');
    expect(formatActionAmount(null, 'USD')).toBe('');
  });

  it('shows before → after, or the one side there is', () => {
    expect(formatChange('1:100', '1:200')).toBe('1:100 → 1:200');
    expect(formatChange('', 'DD-1 bonus')).toBe('DD-1 bonus');
  });

  it('adds the retcode to an error when the server gave one', () => {
    expect(formatActionError({ message: 'No money', retcode: 10019 })).toBe('No money (retcode 10019)');
    expect(formatActionError({ message: 'Timed out', retcode: null })).toBe('Timed out');
    expect(formatActionError(null)).toBe('');
  });

  it('knows the settled states', () => {
    expect(isSettled('confirmed')).toBe(true);
    expect(isSettled('unresolved')).toBe(true);
    expect(isSettled('pending')).toBe(false);
    expect(isSettled('awaiting-approval')).toBe(false);
  });
});

describe('mayApprove', () => {
  const waiting = row({ state: 'awaiting-approval', requestedBy: 'Dan Dealer' });
  it('lets a second operator with the permission approve', () => {
    expect(mayApprove(waiting, 'Ada Admin', true)).toBe(true);
  });
  it('never the requester, nobody without the permission, nothing that does not wait', () => {
    expect(mayApprove(waiting, 'Dan Dealer', true)).toBe(false);
    expect(mayApprove(waiting, 'Rita Risk', false)).toBe(false);
    expect(mayApprove(row({ state: 'pending' }), 'Ada Admin', true)).toBe(false);
    expect(mayApprove(waiting, null, true)).toBe(false);
  });
});

describe('isNewerAction', () => {
  it('takes a later copy and refuses an older one', () => {
    const pending = row({ state: 'pending', updatedAtMsc: 10 });
    const confirmed = row({ state: 'confirmed', updatedAtMsc: 20 });
    expect(isNewerAction(undefined, pending)).toBe(true);
    expect(isNewerAction(pending, confirmed)).toBe(true);
    expect(isNewerAction(confirmed, pending)).toBe(false);
  });
  it('at the same instant, a settled state wins over an unsettled one', () => {
    const pending = row({ state: 'pending', updatedAtMsc: 10 });
    const confirmed = row({ state: 'confirmed', updatedAtMsc: 10 });
    expect(isNewerAction(confirmed, pending)).toBe(false);
    expect(isNewerAction(pending, confirmed)).toBe(true);
  });
});
