/**
 * A balance operation on one account: kind, amount as typed, note. A withdrawal shows what it does
 * to the margin before Send. Each operation carries one request id, so a double click or a resend
 * is one operation; after Send the dialog follows the action live until the server confirms it.
 */
import { type FormEvent, useRef, useState } from 'react';
import { type BalanceKind, balanceKindSchema, balanceKinds } from '../../../shared/actions';
import type { AccountRow } from '../../../shared/rows';
import { Dialog } from '../../components/Dialog';
import { useStartedDesk } from '../../desk-context';
import { formatMoneyCell } from '../../format';
import { useDeskStore } from '../../stores/desk-store';
import { useSessionStore } from '../../stores/session-store';
import { AccountSummary, useLiveAccount } from './AccountSummary';
import { ActionOutcome } from './ActionOutcome';
import {
  describeNoteLeft,
  NOTE_CHARS,
  newRequestId,
  noteCharsLeft,
  parseAmount,
  type RequestIdSlot,
  requestIdFor,
  signedCents,
} from './balance-form';
import { ImpactPreviewView } from './ImpactPreviewView';
import { useLimits } from './use-limits';
import { type PreviewChange, previewShownFor, usePreview } from './use-preview';

export function BalanceDialog({ account, onClose }: { account: AccountRow; onClose: () => void }) {
  const { desk, feeds, actions } = useStartedDesk();
  const live = useLiveAccount(feeds.accounts, account);
  const role = useSessionStore((s) => s.session?.operator?.role);
  const deskCurrency = useDeskStore((s) => s.info?.deskCurrency ?? '');
  const limits = useLimits(desk);
  const [kind, setKind] = useState<BalanceKind>('deposit');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sentId, setSentId] = useState<string | null>(null);
  const slot = useRef<RequestIdSlot | null>(null);

  const parsed = parseAmount(amount, kind);
  const change: PreviewChange | null =
    kind === 'withdrawal' && amount.trim() !== '' ? { kind: 'withdrawal', amount: amount.trim() } : null;
  const preview = usePreview(desk, account, change);
  // A withdrawal goes only once its impact is on screen (or the core said why it cannot work it out).
  const previewSettled = !change || previewShownFor(preview, change) || preview.kind === 'error';
  const done = sentId !== null;

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (sending || done || amount.trim() === '' || !previewSettled) return;
    slot.current = requestIdFor(slot.current, JSON.stringify([kind, amount.trim(), note]), newRequestId);
    setSending(true);
    setError(null);
    try {
      const reply = await desk['actions.balance']({
        server: account.server,
        login: account.login,
        kind,
        amount: amount.trim(),
        note,
        requestId: slot.current.id,
      });
      if (reply.ok) {
        actions.upsert(reply.value);
        setSentId(reply.value.id);
      } else {
        setError(reply.error.message);
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSending(false);
    }
  };

  const another = () => {
    setSentId(null);
    setAmount('');
    setNote('');
    setError(null);
    slot.current = null;
  };

  const left = noteCharsLeft(note);
  return (
    <Dialog title="Balance operation" testId="balance-dialog" onClose={onClose}>
      <form className="dialog-body" onSubmit={send}>
        <AccountSummary account={live} />
        <fieldset className="kind-choice" disabled={done} aria-label="Operation">
          {balanceKindSchema.options.map((k) => (
            <label key={k} className={kind === k ? 'chosen' : ''}>
              <input
                type="radio"
                name="balance-kind"
                value={k}
                data-testid={`balance-kind-${k}`}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              {balanceKinds[k].label}
            </label>
          ))}
        </fieldset>
        <label className="dialog-field">
          <span>Amount</span>
          <input
            data-testid="balance-amount"
            inputMode="decimal"
            spellCheck={false}
            autoComplete="off"
            autoFocus
            disabled={done}
            value={amount}
            placeholder={kind === 'correction' ? 'e.g. -12.50' : 'e.g. 1500.00'}
            onChange={(e) => setAmount(e.target.value)}
          />
          <span className="muted">{account.currency}</span>
          <span className="field-hint" data-testid="balance-amount-echo">
            {amount.trim() === ''
              ? ''
              : parsed.ok
                ? `${formatMoneyCell(signedCents(kind, parsed.cents))} ${account.currency} to ${kind === 'bonus' || kind.startsWith('credit') ? 'credit' : 'balance'}`
                : parsed.message}
          </span>
        </label>
        <label className="dialog-field">
          <span>Note</span>
          <input
            data-testid="balance-note"
            spellCheck={false}
            autoComplete="off"
            disabled={done}
            value={note}
            maxLength={200}
            onChange={(e) => setNote(e.target.value)}
          />
          <span
            className={`field-hint${left < 0 ? ' error-text' : ''}`}
            data-testid="balance-note-left"
            data-left={left}
            title={`The deal comment holds ${NOTE_CHARS} characters of note after the transaction id`}
          >
            {describeNoteLeft(note)}
          </span>
        </label>
        {limits && (
          <p className="muted dialog-hint" data-testid="balance-limits">
            {role === 'dealer' &&
              `Your limit: ${limits.dealerMaxAmount.toLocaleString('en-US')} ${deskCurrency} per operation. `}
            Above {limits.fourEyesAbove.toLocaleString('en-US')} {deskCurrency} an operation waits for a second
            operator.
          </p>
        )}
        <ImpactPreviewView status={preview} />
        {error && (
          <p className="error-text" role="alert" data-testid="dialog-error">
            {error}
          </p>
        )}
        {sentId && <ActionOutcome book={actions} id={sentId} />}
        <footer className="dialog-actions">
          {!done && (
            <button
              type="submit"
              className="primary"
              data-testid="dialog-send"
              disabled={sending || amount.trim() === '' || !previewSettled}
            >
              {sending ? 'Sending…' : `Send ${balanceKinds[kind].label.toLowerCase()}`}
            </button>
          )}
          {done && (
            <button type="button" data-testid="dialog-another" onClick={another}>
              Another operation
            </button>
          )}
          <button type="button" data-testid="dialog-close" onClick={onClose}>
            {done ? 'Close' : 'Cancel'}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
