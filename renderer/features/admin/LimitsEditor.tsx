/** The desk's money limits in desk currency, whole units: a dealer's largest operation and the four-eyes line. */
import { type FormEvent, useEffect, useState } from 'react';
import { useStartedDesk } from '../../desk-context';
import { useDeskStore } from '../../stores/desk-store';

/** "50,000" or "50000" → 50000; anything else → NaN (the core gets it and says why). */
export const parseWholeAmount = (text: string): number => {
  const plain = text.replace(/[,\s_]/g, '');
  return /^\d+$/.test(plain) ? Number(plain) : Number.NaN;
};

export function LimitsEditor() {
  const { desk } = useStartedDesk();
  const ccy = useDeskStore((s) => s.info?.deskCurrency ?? '');
  const [max, setMax] = useState('');
  const [fourEyes, setFourEyes] = useState('');
  const [status, setStatus] = useState<{ kind: 'idle' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    desk['limits.get']({}).then(
      (reply) => {
        if (!live) return;
        if (reply.ok) {
          setMax(String(reply.value.dealerMaxAmount));
          setFourEyes(String(reply.value.fourEyesAbove));
          setLoaded(true);
        } else {
          setStatus({ kind: 'error', message: reply.error.message });
        }
      },
      (e: unknown) => live && setStatus({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [desk]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const limits = { dealerMaxAmount: parseWholeAmount(max), fourEyesAbove: parseWholeAmount(fourEyes) };
    if (Number.isNaN(limits.dealerMaxAmount) || Number.isNaN(limits.fourEyesAbove)) {
      setStatus({ kind: 'error', message: `Whole amounts in ${ccy || 'desk currency'}, e.g. 50000.` });
      return;
    }
    try {
      const reply = await desk['limits.save']({ limits });
      if (reply.ok) {
        setMax(String(reply.value.dealerMaxAmount));
        setFourEyes(String(reply.value.fourEyesAbove));
        setStatus({ kind: 'saved' });
      } else {
        setStatus({ kind: 'error', message: reply.error.message });
      }
    } catch (err) {
      setStatus({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <form className="admin-section limits-editor" data-testid="limits-editor" onSubmit={save} aria-label="Limits">
      <h3>Limits</h3>
      <label className="dialog-field">
        <span>Dealer's largest operation</span>
        <input
          data-testid="limits-dealerMaxAmount"
          inputMode="numeric"
          disabled={!loaded}
          value={max}
          onChange={(e) => {
            setMax(e.target.value);
            setStatus({ kind: 'idle' });
          }}
        />
        <span className="muted">{ccy}</span>
      </label>
      <label className="dialog-field">
        <span>Second operator above</span>
        <input
          data-testid="limits-fourEyesAbove"
          inputMode="numeric"
          disabled={!loaded}
          value={fourEyes}
          onChange={(e) => {
            setFourEyes(e.target.value);
            setStatus({ kind: 'idle' });
          }}
        />
        <span className="muted">{ccy}</span>
      </label>
      <p className="muted dialog-hint">
        Converted from the account's currency at live rates. Admins are bound only by the server's own limit.
      </p>
      <div className="dialog-actions">
        <button type="submit" className="primary" data-testid="limits-save" disabled={!loaded}>
          Save limits
        </button>
        {status.kind === 'saved' && (
          <span className="ok-text" data-testid="limits-saved">
            Saved
          </span>
        )}
        {status.kind === 'error' && (
          <span className="error-text" role="alert" data-testid="limits-error">
            {status.message}
          </span>
        )}
      </div>
    </form>
  );
}
