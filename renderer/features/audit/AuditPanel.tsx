/**
 * The audit trail: who did what, when, to which account, before → after and with what result.
 * Filter by operator, action prefix, login, result and time; page back with "Older"; verify the
 * hash chain; export the filtered trail as CSV.
 */
import type { GetRowIdParams } from 'ag-grid-community';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { AuditEntry, AuditFilter, AuditVerification } from '../../../shared/actions';
import { auditResultSchema } from '../../../shared/actions';
import { useStartedDesk } from '../../desk-context';
import { formatCount } from '../../format';
import { PanelGrid } from '../../grids/PanelGrid';
import { usePagedList } from '../../grids/use-paged-list';
import { auditColumns } from './audit-columns';
import { type AuditForm, auditFilterOf, describeVerification, emptyAuditForm } from './audit-filter';
import { downloadCsv } from './csv-download';

const PAGE = 500;
const getRowId = (p: GetRowIdParams<AuditEntry>) => String(p.data.id);
const ACTION_PREFIXES = [
  'balance',
  'account',
  'action',
  'alert',
  'routing',
  'toxic',
  'server',
  'operator',
  'session',
  'limits',
];

export function AuditPanel({ hidden }: { hidden: boolean }) {
  const { desk } = useStartedDesk();
  const [form, setForm] = useState<AuditForm>(emptyAuditForm);
  const [applied, setApplied] = useState<AuditFilter>({});
  const fetchPage = useCallback(
    (filter: AuditFilter, beforeId: number | undefined, limit: number) =>
      desk['audit.list']({ ...filter, ...(beforeId ? { beforeId } : {}), limit }),
    [desk],
  );
  const { rows: entries, more, busy, error, setError, load } = usePagedList(fetchPage, PAGE);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  // Fresh every time the view is brought up: the trail grows while other panels are in front.
  useEffect(() => {
    if (!hidden) void load(applied);
  }, [hidden, load, applied]);

  if (hidden) return null;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const parsed = auditFilterOf(form);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setExported(null);
    // A new object even when equal: Apply always reloads.
    setApplied({ ...parsed.filter });
  };

  const older = () => {
    const last = entries?.at(-1);
    if (last) void load(applied, last.id);
  };

  const verify = async () => {
    setVerification(null);
    try {
      const reply = await desk['audit.verify']({});
      if (reply.ok) setVerification(reply.value);
      else setError(reply.error.message);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const exportCsv = async () => {
    setExported(null);
    try {
      const reply = await desk['audit.export'](applied);
      if (!reply.ok) {
        setError(reply.error.message);
        return;
      }
      downloadCsv(reply.value.filename, reply.value.csv);
      setExported(`${formatCount(reply.value.rows)} rows → ${reply.value.filename}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const field = (key: keyof AuditForm) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  });

  return (
    <section className="panel" aria-label="Audit trail" data-testid="audit-panel">
      <header className="panel-header">
        <h2>Audit trail</h2>
        <span className="panel-count" data-testid="audit-count" data-count={entries?.length ?? -1}>
          {entries === null ? 'loading…' : `${formatCount(entries.length)}${more ? '+' : ''} entries`}
        </span>
        <button type="button" className="small-button" data-testid="audit-verify" onClick={verify}>
          Verify chain
        </button>
        {verification && (
          <span
            className={verification.ok ? 'ok-text' : 'error-text'}
            data-testid="audit-verify-result"
            data-ok={verification.ok}
          >
            {describeVerification(verification)}
          </span>
        )}
        <button type="button" className="small-button push-right" data-testid="audit-export" onClick={exportCsv}>
          Export CSV
        </button>
        {exported && (
          <span className="muted" data-testid="audit-exported">
            {exported}
          </span>
        )}
      </header>
      <form className="filter-row" onSubmit={apply} aria-label="Audit filter">
        <label>
          <span>Operator</span>
          <input data-testid="audit-operator" spellCheck={false} size={12} {...field('operator')} />
        </label>
        <label>
          <span>Action</span>
          <input
            data-testid="audit-action"
            list="audit-actions"
            spellCheck={false}
            size={14}
            placeholder="prefix, e.g. balance"
            {...field('action')}
          />
          <datalist id="audit-actions">
            {ACTION_PREFIXES.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </label>
        <label>
          <span>Login</span>
          <input data-testid="audit-login" inputMode="numeric" size={9} {...field('login')} />
        </label>
        <label>
          <span>Result</span>
          <select data-testid="audit-result" {...field('result')}>
            <option value="">any</option>
            {auditResultSchema.options.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>From</span>
          <input data-testid="audit-from" type="datetime-local" step={1} {...field('from')} />
        </label>
        <label>
          <span>To</span>
          <input data-testid="audit-to" type="datetime-local" step={1} {...field('to')} />
        </label>
        <button type="submit" data-testid="audit-apply" disabled={busy}>
          Apply
        </button>
        <button
          type="button"
          onClick={() => {
            setForm(emptyAuditForm);
            setApplied({});
          }}
        >
          Clear
        </button>
        {error && (
          <span className="error-text" role="alert" data-testid="audit-error">
            {error}
          </span>
        )}
      </form>
      <div className="panel-grid" data-testid="audit-grid">
        <PanelGrid<AuditEntry> columnDefs={auditColumns} rowData={entries ?? []} getRowId={getRowId} />
      </div>
      <footer className="panel-footer">
        <button
          type="button"
          className="small-button"
          data-testid="audit-older"
          disabled={!more || busy}
          onClick={older}
        >
          Older
        </button>
        <span className="muted">Newest first · {PAGE} per page</span>
      </footer>
    </section>
  );
}
