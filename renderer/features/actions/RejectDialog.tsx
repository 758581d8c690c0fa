/** Saying no to an action that waits for approval: the reason goes to the requester and the audit trail. */
import { type FormEvent, useState } from 'react';
import type { ActionRow } from '../../../shared/actions';
import { Dialog } from '../../components/Dialog';
import { useStartedDesk } from '../../desk-context';
import { actionKindLabel, formatActionAmount } from './action-format';

export function RejectDialog({ action, onClose }: { action: ActionRow; onClose: () => void }) {
  const { desk, actions } = useStartedDesk();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || reason.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      const reply = await desk['actions.reject']({ id: action.id, reason: reason.trim() });
      if (reply.ok) {
        actions.upsert(reply.value);
        onClose();
      } else {
        setError(reply.error.message);
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Reject action" testId="reject-dialog" onClose={onClose}>
      <form className="dialog-body" onSubmit={submit}>
        <p>
          {actionKindLabel(action.kind)} {formatActionAmount(action.amount, action.currency)} on {action.server}:
          {action.login}, asked by <strong>{action.requestedBy}</strong>.
        </p>
        <label className="dialog-field">
          <span>Reason</span>
          <input
            data-testid="reject-reason"
            autoFocus
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        {error && (
          <p className="error-text" role="alert" data-testid="dialog-error">
            {error}
          </p>
        )}
        <footer className="dialog-actions">
          <button type="submit" className="primary" data-testid="reject-send" disabled={busy || reason.trim() === ''}>
            Reject
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
