/**
 * How an action reads on the desk: its kind and state in words, the state's colour, the amount in
 * the account's currency and what it changes. Pure, so the grid, the dialogs and the tests agree.
 */
import { type ActionKind, type ActionRow, type ActionState, balanceKinds } from '../../../shared/actions';
import { formatMoneyCell } from '../../format';

const otherKinds: Record<Exclude<ActionKind, keyof typeof balanceKinds>, string> = {
  leverage: 'Leverage',
  group: 'Group',
  trading: 'Trading',
};

export function actionKindLabel(kind: ActionKind): string {
  return kind in balanceKinds
    ? balanceKinds[kind as keyof typeof balanceKinds].label
    : otherKinds[kind as keyof typeof otherKinds];
}

export const actionStateLabels: Record<ActionState, string> = {
  'awaiting-approval': 'Awaiting approval',
  sending: 'Sending',
  pending: 'Pending',
  confirmed: 'Confirmed',
  failed: 'Failed',
  rejected: 'Rejected',
  unresolved: 'Unresolved',
};

/** The colour family of a state: waiting (amber), in flight (blue), done (green), bad (red). */
export type ActionTone = 'waiting' | 'in-flight' | 'done' | 'bad' | 'attention';

export const actionStateTones: Record<ActionState, ActionTone> = {
  'awaiting-approval': 'waiting',
  sending: 'in-flight',
  pending: 'in-flight',
  confirmed: 'done',
  failed: 'bad',
  rejected: 'bad',
  // No answer and no event after every retry: a person must look at the server. Louder than failed.
  unresolved: 'attention',
};

/** States after which nothing more will happen to the action. */
export const isSettled = (state: ActionState): boolean =>
  state === 'confirmed' || state === 'failed' || state === 'rejected' || state === 'unresolved';

/** Signed cents in the account currency: "1,500.00 USD", "-250.00 EUR"; no amount for account changes. */
export function formatActionAmount(amount: number | null, currency: string): string {
  if (amount === null) return '';
  const money = formatMoneyCell(amount);
  return currency ? `${money} ${currency}` : money;
}

/** "1:100 → 1:200"; one side alone when the other is empty. */
export function formatChange(before: string, after: string): string {
  if (before && after) return `${before} → ${after}`;
  return before || after;
}

/** The error as a dealer reads it, with the server's retcode when it gave one. */
export function formatActionError(error: ActionRow['error']): string {
  if (!error) return '';
  return error.retcode === null ? error.message : `${error.message} (retcode ${error.retcode})`;
}

/** Whether this operator may be the second pair of eyes on the action. */
export function mayApprove(
  row: Pick<ActionRow, 'state' | 'requestedBy'>,
  operator: string | null,
  canApprove: boolean,
) {
  return canApprove && operator !== null && row.state === 'awaiting-approval' && row.requestedBy !== operator;
}

/**
 * Whether `incoming` should replace `current`: a reply and a stream frame can cross, and an older
 * copy of an action must never undo a newer one on screen.
 */
export function isNewerAction(current: ActionRow | undefined, incoming: ActionRow): boolean {
  if (!current) return true;
  if (incoming.updatedAtMsc !== current.updatedAtMsc) return incoming.updatedAtMsc > current.updatedAtMsc;
  // Same instant: a settled state is later than an unsettled one.
  return !isSettled(current.state) || isSettled(incoming.state);
}
