/**
 * What became of an action a dialog sent, live from the actions stream: its state (and every state
 * this window saw it in, for the record), the confirming deal, and the server's reason when it failed.
 */
import type { ActionBook } from './action-book';
import {
  actionStateLabels,
  actionStateTones,
  formatActionAmount,
  formatActionError,
  formatChange,
} from './action-format';
import { useAction } from './use-action';

export function ActionOutcome({ book, id }: { book: ActionBook; id: string }) {
  const action = useAction(book, id);
  if (!action) return null;
  const seen = book.seen(id);
  return (
    <div
      className="action-outcome"
      data-testid="action-outcome"
      data-id={id}
      data-state={action.state}
      data-seen={seen.join(' ')}
    >
      <span className={`action-state tone-${actionStateTones[action.state]}`} data-testid="action-outcome-state">
        {actionStateLabels[action.state]}
      </span>
      <span className="muted">#{action.id}</span>
      {action.amount !== null && <span>{formatActionAmount(action.amount, action.currency)}</span>}
      {action.amount === null && <span>{formatChange(action.before, action.after)}</span>}
      {action.dealTicket !== null && <span className="muted">deal {action.dealTicket}</span>}
      {action.state === 'awaiting-approval' && <span className="muted">waits for a second operator</span>}
      {action.error && (
        <span className="error-text" data-testid="action-outcome-error">
          {formatActionError(action.error)}
        </span>
      )}
    </div>
  );
}
