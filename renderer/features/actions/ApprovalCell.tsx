/**
 * Approve / Reject on an action that waits for a second operator: shown only to an operator who
 * may approve and did not ask for it (the core checks both again). Reject asks for a reason.
 */
import type { CustomCellRendererProps } from 'ag-grid-react';
import { useState } from 'react';
import type { ActionRow } from '../../../shared/actions';
import type { DeskApi } from '../../../shared/contract';
import type { ActionBook } from './action-book';
import { mayApprove } from './action-format';

export interface ActionGridContext {
  desk: DeskApi;
  book: ActionBook;
  operator: string | null;
  canApprove: boolean;
  reject: (row: ActionRow) => void;
}

export function ApprovalCell({ data, context }: CustomCellRendererProps<ActionRow, unknown, ActionGridContext>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (data?.state !== 'awaiting-approval') return data?.approvedBy ? <span className="muted">approved</span> : null;
  if (!mayApprove(data, context.operator, context.canApprove)) {
    return (
      <span className="muted">{data.requestedBy === context.operator ? 'needs a second operator' : 'waiting'}</span>
    );
  }
  const approve = async () => {
    setBusy(true);
    setError(null);
    try {
      const reply = await context.desk['actions.approve']({ id: data.id });
      if (reply.ok) context.book.upsert(reply.value);
      else setError(reply.error.message);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="approval-cell">
      <button type="button" className="small-button" data-testid="action-approve" disabled={busy} onClick={approve}>
        Approve
      </button>
      <button
        type="button"
        className="small-button"
        data-testid="action-reject"
        disabled={busy}
        onClick={() => context.reject(data)}
      >
        Reject…
      </button>
      {error && (
        <span className="error-text" title={error} data-testid="action-approve-error">
          {error}
        </span>
      )}
    </span>
  );
}
