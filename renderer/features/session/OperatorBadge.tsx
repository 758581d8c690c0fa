/** Who is at the desk, in the top bar, with Sign out (which reloads the page: the simplest way to drop all state). */
import { useState } from 'react';
import type { DeskApi } from '../../../shared/contract';
import { roleLabels } from '../../../shared/operators';
import { useSessionStore } from '../../stores/session-store';

export function OperatorBadge({ desk }: { desk: DeskApi }) {
  const operator = useSessionStore((s) => s.session?.operator ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!operator) return null;

  const signOut = async () => {
    setBusy(true);
    try {
      const reply = await desk['session.signOut']({});
      if (!reply.ok) {
        setError(reply.error.message);
        setBusy(false);
        return;
      }
      location.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <div className="operator-badge" data-testid="operator" data-name={operator.name} data-role={operator.role}>
      <strong data-testid="operator-name">{operator.name}</strong>
      <span className="muted" data-testid="operator-role">
        {roleLabels[operator.role]}
      </span>
      <button type="button" className="small-button" data-testid="sign-out" disabled={busy} onClick={signOut}>
        Sign out
      </button>
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
