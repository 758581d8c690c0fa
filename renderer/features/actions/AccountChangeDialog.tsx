/**
 * Leverage, group or trading for one account. Leverage and group show their impact on the margin
 * (`actions.preview`) before Send, and Send goes only with the change that was previewed. The
 * change is confirmed by the account update the server sends back; the dialog follows it live.
 */
import { type FormEvent, useEffect, useState } from 'react';
import type { AccountChange } from '../../../shared/actions';
import type { AccountRow } from '../../../shared/rows';
import { Dialog } from '../../components/Dialog';
import { useStartedDesk } from '../../desk-context';
import { formatLeverage, formatMarginLevel } from '../../format';
import { AccountSummary, useLiveAccount } from './AccountSummary';
import { ActionOutcome } from './ActionOutcome';
import { ImpactPreviewView } from './ImpactPreviewView';
import { COMMON_LEVERAGES, parseLeverage } from './leverage';
import { useGroups } from './use-groups';
import { previewShownFor, usePreview } from './use-preview';

export type AccountChangeKind = AccountChange['kind'];

const titles: Record<AccountChangeKind, string> = {
  leverage: 'Change leverage',
  group: 'Move to group',
  trading: 'Trading',
};

export interface AccountChangeDialogProps {
  kind: AccountChangeKind;
  account: AccountRow;
  onClose: () => void;
}

export function AccountChangeDialog({ kind, account, onClose }: AccountChangeDialogProps) {
  const { desk, feeds, actions } = useStartedDesk();
  const live = useLiveAccount(feeds.accounts, account);
  const [leverageText, setLeverageText] = useState(String(account.leverage));
  const [group, setGroup] = useState(account.group);
  const [tradingOn, setTradingOn] = useState(account.tradeDisabled);
  const groups = useGroups(desk, kind === 'group' ? [account.server] : []);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sentId, setSentId] = useState<string | null>(null);
  const done = sentId !== null;

  const leverage = parseLeverage(leverageText);
  const change: AccountChange | null =
    kind === 'leverage'
      ? leverage !== null && leverage !== account.leverage
        ? { kind: 'leverage', leverage }
        : null
      : kind === 'group'
        ? group && group !== account.group
          ? { kind: 'group', group }
          : null
        : tradingOn === account.tradeDisabled
          ? { kind: 'trading', enabled: tradingOn }
          : null;
  const preview = usePreview(desk, account, kind === 'trading' ? null : change);
  const previewed = kind === 'trading' || previewShownFor(preview, change);

  // A different account or kind is a different dialog; keep the first group choice valid.
  useEffect(() => {
    if (kind === 'group' && groups.list.length > 0 && !groups.list.some((g) => g.name === group)) {
      setGroup(account.group);
    }
  }, [kind, groups.list, group, account.group]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!change || sending || done || !previewed) return;
    setSending(true);
    setError(null);
    try {
      const reply = await desk['actions.account']({ server: account.server, login: account.login, change });
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

  const chosenGroup = groups.list.find((g) => g.name === group);
  return (
    <Dialog title={titles[kind]} testId={`${kind}-dialog`} onClose={onClose}>
      <form className="dialog-body" onSubmit={send}>
        <AccountSummary account={live} />
        {kind === 'leverage' && (
          <label className="dialog-field">
            <span>Leverage</span>
            <input
              data-testid="leverage-input"
              list="desk-leverages"
              inputMode="numeric"
              autoComplete="off"
              autoFocus
              disabled={done}
              value={leverageText}
              onChange={(e) => setLeverageText(e.target.value)}
            />
            <datalist id="desk-leverages">
              {COMMON_LEVERAGES.map((l) => (
                <option key={l} value={l}>
                  {formatLeverage(l)}
                </option>
              ))}
            </datalist>
            <span className="field-hint" data-testid="leverage-change">
              {leverage === null
                ? 'Type a whole number, e.g. 200'
                : `${formatLeverage(account.leverage)} → ${formatLeverage(leverage)}`}
            </span>
          </label>
        )}
        {kind === 'group' && (
          <label className="dialog-field">
            <span>Group</span>
            <select
              data-testid="group-select"
              // biome-ignore lint/a11y/noAutofocus: the dialog opens to choose the group
              autoFocus
              disabled={done || groups.list.length === 0}
              value={group}
              onChange={(e) => setGroup(e.target.value)}
            >
              {groups.list.length === 0 && <option value={account.group}>{account.group}</option>}
              {groups.list.map((g) => (
                <option key={g.name} value={g.name}>
                  {g.name}
                </option>
              ))}
            </select>
            <span className="field-hint">
              {groups.error ??
                (chosenGroup &&
                  `${chosenGroup.currency} · ${chosenGroup.hedging ? 'hedging' : 'netting'} · margin call ${formatMarginLevel(chosenGroup.marginCallLevel)} · stop-out ${formatMarginLevel(chosenGroup.stopOutLevel)}`)}
            </span>
          </label>
        )}
        {kind === 'trading' && (
          <fieldset className="kind-choice" disabled={done} aria-label="Trading">
            <label className={tradingOn ? 'chosen' : ''}>
              <input
                type="radio"
                name="trading"
                data-testid="trading-enable"
                checked={tradingOn}
                onChange={() => setTradingOn(true)}
              />
              Enable trading
            </label>
            <label className={tradingOn ? '' : 'chosen'}>
              <input
                type="radio"
                name="trading"
                data-testid="trading-disable"
                checked={!tradingOn}
                onChange={() => setTradingOn(false)}
              />
              Disable trading
            </label>
            <span className="field-hint">Now: trading {account.tradeDisabled ? 'disabled' : 'enabled'}</span>
          </fieldset>
        )}
        {!change && !done && <p className="muted dialog-hint">Choose a value different from the account's.</p>}
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
              disabled={!change || sending || !previewed}
            >
              {sending ? 'Sending…' : 'Send'}
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
