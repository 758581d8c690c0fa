/**
 * Every change of every alert, as stored in desk.db (it survives restarts): opened, escalated,
 * acknowledged (by whom), snoozed, resolved. Newest first; filter by alert key and time range,
 * page back with "Older". A row's key narrows the view to that alert's whole story.
 */
import type { CellDoubleClickedEvent, GetRowIdParams } from 'ag-grid-community';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { RequestInput } from '../../../shared/contract';
import { useStartedDesk } from '../../desk-context';
import { formatCount } from '../../format';
import { PanelGrid } from '../../grids/PanelGrid';
import { usePagedList } from '../../grids/use-paged-list';
import { parseLocalDateTime } from '../actions/desk-time';
import { type AlertHistoryRow, alertHistoryColumns } from './history-columns';

const PAGE = 500;
const getRowId = (p: GetRowIdParams<AlertHistoryRow>) => String(p.data.id);
type Query = Omit<RequestInput<'alerts.history'>, 'beforeId' | 'limit'>;

export function AlertHistoryPanel({ hidden }: { hidden: boolean }) {
  const { desk } = useStartedDesk();
  const [form, setForm] = useState({ key: '', from: '', to: '' });
  const [query, setQuery] = useState<Query>({});
  const fetchPage = useCallback(
    (q: Query, beforeId: number | undefined, limit: number) =>
      desk['alerts.history']({ ...q, ...(beforeId ? { beforeId } : {}), limit }),
    [desk],
  );
  const { rows, more, error, setError, load } = usePagedList(fetchPage, PAGE);

  useEffect(() => {
    if (!hidden) void load(query);
  }, [hidden, load, query]);

  if (hidden) return null;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const fromMsc = parseLocalDateTime(form.from);
    const toMsc = parseLocalDateTime(form.to);
    if ((form.from && fromMsc === undefined) || (form.to && toMsc === undefined)) return setError('Unreadable time.');
    setQuery({
      ...(form.key.trim() && { key: form.key.trim() }),
      ...(fromMsc !== undefined && { fromMsc }),
      ...(toMsc !== undefined && { toMsc }),
    });
  };
  const onCellDoubleClicked = (e: CellDoubleClickedEvent<AlertHistoryRow>) => {
    const key = e.data?.alert.key;
    if (!key) return;
    setForm((f) => ({ ...f, key }));
    setQuery((q) => ({ ...q, key }));
  };

  return (
    <section className="panel" aria-label="Alert history" data-testid="alert-history-panel">
      <header className="panel-header">
        <h2>Alert history</h2>
        <span className="panel-count" data-testid="alert-history-count" data-count={rows?.length ?? -1}>
          {rows === null ? 'loading…' : `${formatCount(rows.length)}${more ? '+' : ''} changes`}
        </span>
        <span className="muted">Double-click a row for that alert's whole story</span>
      </header>
      <form className="filter-row" onSubmit={apply} aria-label="Alert history filter">
        <label>
          <span>Alert key</span>
          <input
            data-testid="alert-history-key"
            size={36}
            spellCheck={false}
            placeholder="e.g. margin:sim-42:100544"
            value={form.key}
            onChange={(e) => setForm((f) => ({ ...f, key: e.target.value }))}
          />
        </label>
        <label>
          <span>From</span>
          <input
            type="datetime-local"
            step={1}
            value={form.from}
            onChange={(e) => setForm((f) => ({ ...f, from: e.target.value }))}
          />
        </label>
        <label>
          <span>To</span>
          <input
            type="datetime-local"
            step={1}
            value={form.to}
            onChange={(e) => setForm((f) => ({ ...f, to: e.target.value }))}
          />
        </label>
        <button type="submit" data-testid="alert-history-apply">
          Apply
        </button>
        <button
          type="button"
          onClick={() => {
            setForm({ key: '', from: '', to: '' });
            setQuery({});
          }}
        >
          Clear
        </button>
        {error && (
          <span className="error-text" role="alert">
            {error}
          </span>
        )}
      </form>
      <div className="panel-grid" data-testid="alert-history-grid">
        <PanelGrid<AlertHistoryRow>
          columnDefs={alertHistoryColumns}
          rowData={rows ?? []}
          getRowId={getRowId}
          onCellDoubleClicked={onCellDoubleClicked}
        />
      </div>
      <footer className="panel-footer">
        <button
          type="button"
          className="small-button"
          data-testid="alert-history-older"
          disabled={!more}
          onClick={() => {
            const last = rows?.at(-1);
            if (last) void load(query, last.id);
          }}
        >
          Older
        </button>
        <span className="muted">Newest first · {PAGE} per page · kept in desk.db across restarts</span>
      </footer>
    </section>
  );
}
