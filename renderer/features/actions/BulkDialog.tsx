/**
 * One action on many accounts: choose it, Dry run (the core validates and previews every account,
 * nothing is sent), then Run the same action for real. Run is only offered for exactly what was
 * dry-run, and only once per dry run.
 */
import { type FormEvent, useState } from 'react';
import type { BulkResult } from '../../../shared/actions';
import type { AccountRow } from '../../../shared/rows';
import { Dialog } from '../../components/Dialog';
import { useStartedDesk } from '../../desk-context';
import { formatCount } from '../../format';
import type { ActionBook } from './action-book';
import { actionStateLabels, actionStateTones } from './action-format';
import { type BulkChoice, type BulkForm, bulkAction, bulkChoiceLabels, summariseBulk } from './bulk-form';
import { describePreview } from './preview-format';
import { useActionBook } from './use-action';
import { useGroups } from './use-groups';

const isBalance = (c: BulkChoice) => c !== 'leverage' && c !== 'group' && c !== 'trading-off' && c !== 'trading-on';

export function BulkDialog({ accounts, onClose }: { accounts: AccountRow[]; onClose: () => void }) {
  const { desk, actions } = useStartedDesk();
  const [form, setForm] = useState<BulkForm>({ choice: 'deposit', amount: '', note: '', leverage: '', group: '' });
  const [busy, setBusy] = useState<'dry' | 'run' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);
  /** The action the last dry run checked; Run sends exactly this. */
  const [dryRunOf, setDryRunOf] = useState<string | null>(null);
  const groups = useGroups(desk, form.choice === 'group' ? accounts.map((a) => a.server) : []);

  const built = bulkAction(form);
  const actionKey = built.ok ? JSON.stringify(built.action) : null;
  const ran = result !== null && !result.dryRun;
  const canRun = built.ok && dryRunOf === actionKey && result?.dryRun === true && result.results.some((r) => r.ok);

  const set = (patch: Partial<BulkForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    if (!ran) {
      setResult(null);
      setDryRunOf(null);
    }
  };

  const call = async (dryRun: boolean) => {
    if (!built.ok || busy) return;
    setBusy(dryRun ? 'dry' : 'run');
    setError(null);
    try {
      const reply = await desk['actions.bulk']({
        accounts: accounts.map(({ server, login }) => ({ server, login })),
        action: built.action,
        dryRun,
      });
      if (!reply.ok) {
        setError(reply.error.message);
        return;
      }
      for (const r of reply.value.results) if (r.action) actions.upsert(r.action);
      setResult(reply.value);
      setDryRunOf(dryRun ? actionKey : null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void call(true);
  };

  return (
    <Dialog
      title={`Bulk action on ${formatCount(accounts.length)} accounts`}
      testId="bulk-dialog"
      onClose={onClose}
      wide
    >
      <form className="dialog-body" onSubmit={onSubmit}>
        <div className="bulk-controls">
          <label className="dialog-field">
            <span>Action</span>
            <select
              data-testid="bulk-choice"
              disabled={ran}
              value={form.choice}
              onChange={(e) => set({ choice: e.target.value as BulkChoice })}
            >
              {(Object.keys(bulkChoiceLabels) as BulkChoice[]).map((c) => (
                <option key={c} value={c}>
                  {bulkChoiceLabels[c]}
                </option>
              ))}
            </select>
          </label>
          {isBalance(form.choice) && (
            <>
              <label className="dialog-field">
                <span>Amount</span>
                <input
                  data-testid="bulk-amount"
                  inputMode="decimal"
                  autoComplete="off"
                  disabled={ran}
                  value={form.amount}
                  onChange={(e) => set({ amount: e.target.value })}
                />
                <span className="muted">each, in the account's currency</span>
              </label>
              <label className="dialog-field">
                <span>Note</span>
                <input
                  data-testid="bulk-note"
                  autoComplete="off"
                  maxLength={200}
                  disabled={ran}
                  value={form.note}
                  onChange={(e) => set({ note: e.target.value })}
                />
              </label>
            </>
          )}
          {form.choice === 'leverage' && (
            <label className="dialog-field">
              <span>Leverage</span>
              <input
                data-testid="bulk-leverage"
                inputMode="numeric"
                autoComplete="off"
                disabled={ran}
                value={form.leverage}
                placeholder="e.g. 200"
                onChange={(e) => set({ leverage: e.target.value })}
              />
            </label>
          )}
          {form.choice === 'group' && (
            <label className="dialog-field">
              <span>Group</span>
              <select
                data-testid="bulk-group"
                disabled={ran}
                value={form.group}
                onChange={(e) => set({ group: e.target.value })}
              >
                <option value="">Choose…</option>
                {groups.list.map((g) => (
                  <option key={g.name} value={g.name}>
                    {g.name}
                  </option>
                ))}
              </select>
              {groups.error && <span className="error-text">{groups.error}</span>}
            </label>
          )}
        </div>
        {!built.ok && <p className="muted dialog-hint">{built.message}</p>}
        {error && (
          <p className="error-text" role="alert" data-testid="dialog-error">
            {error}
          </p>
        )}
        {result && <BulkResults result={result} accounts={accounts} book={actions} />}
        <footer className="dialog-actions">
          {!ran && (
            <button type="submit" data-testid="bulk-dry-run" disabled={!built.ok || busy !== null}>
              {busy === 'dry' ? 'Checking…' : 'Dry run'}
            </button>
          )}
          {!ran && (
            <button
              type="button"
              className="primary"
              data-testid="bulk-run"
              disabled={!canRun || busy !== null}
              title={canRun ? '' : 'Dry run this action first'}
              onClick={() => void call(false)}
            >
              {busy === 'run'
                ? 'Running…'
                : `Run on ${formatCount(result?.dryRun ? result.results.filter((r) => r.ok).length : 0)} accounts`}
            </button>
          )}
          <button type="button" data-testid="dialog-close" onClick={onClose}>
            {ran ? 'Close' : 'Cancel'}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

function BulkResults({ result, accounts, book }: { result: BulkResult; accounts: AccountRow[]; book: ActionBook }) {
  useActionBook(book);
  const names = new Map(accounts.map((a) => [`${a.server}:${a.login}`, a.clientName]));
  return (
    <div className="bulk-results" data-testid="bulk-results" data-dry-run={result.dryRun}>
      <p data-testid="bulk-summary">
        <strong>{result.dryRun ? 'Dry run' : 'Run'}:</strong> {summariseBulk(result)}
      </p>
      <div className="table-scroll">
        <table className="dense-table">
          <thead>
            <tr>
              <th>Server</th>
              <th>Login</th>
              <th>Client</th>
              <th>Result</th>
              <th>Margin level</th>
              <th>{result.dryRun ? 'What would happen' : 'State'}</th>
            </tr>
          </thead>
          <tbody>
            {result.results.map((r) => {
              const action = r.action ? (book.get(r.action.id) ?? r.action) : null;
              const preview = r.preview ? describePreview(r.preview) : null;
              return (
                <tr
                  key={`${r.server}:${r.login}`}
                  data-testid="bulk-result"
                  data-login={r.login}
                  data-ok={r.ok}
                  data-state={action?.state ?? ''}
                >
                  <td>{r.server}</td>
                  <td className="cell-number">{r.login}</td>
                  <td>{names.get(`${r.server}:${r.login}`) ?? ''}</td>
                  <td className={r.ok ? 'ok-text' : 'error-text'}>{r.ok ? 'OK' : 'Refused'}</td>
                  <td className={preview ? `tone-${preview.tone}` : ''}>
                    {preview ? preview.marginLevel : ''}
                    {preview?.warning && <div className="preview-warning">{preview.warning}</div>}
                  </td>
                  <td>
                    {action && (
                      <span className={`action-state tone-${actionStateTones[action.state]}`}>
                        {actionStateLabels[action.state]}
                      </span>
                    )}{' '}
                    {r.message}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
