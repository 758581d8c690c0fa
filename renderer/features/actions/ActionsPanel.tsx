/**
 * Every dealer action the desk tracks, newest first, live from the `actions` stream: who asked,
 * what, the amount in the account's currency, before → after, and its state (awaiting approval,
 * sending, pending, confirmed, failed, rejected, unresolved). Awaiting rows carry Approve / Reject
 * for a second operator.
 */
import type { GetRowIdParams, GridApi, GridReadyEvent } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ActionRow } from '../../../shared/actions';
import { useStartedDesk } from '../../desk-context';
import { formatCount } from '../../format';
import { keepColumnState } from '../../grids/column-state';
import { columnStateEvents, rowSinkOf } from '../../grids/grid-setup';
import { PanelGrid } from '../../grids/PanelGrid';
import { useOperatorName, usePermission } from '../../stores/session-store';
import type { ActionGridContext } from './ApprovalCell';
import { actionColumns } from './action-columns';
import { RejectDialog } from './RejectDialog';
import { useActionBook } from './use-action';

const getRowId = (p: GetRowIdParams<ActionRow>) => p.data.id;

export function ActionsPanel({ hidden }: { hidden: boolean }) {
  const { desk, actions } = useStartedDesk();
  const operator = useOperatorName();
  const canApprove = usePermission('approve');
  const [rejecting, setRejecting] = useState<ActionRow | null>(null);
  const [quick, setQuick] = useState('');
  const apiRef = useRef<GridApi<ActionRow> | null>(null);
  const columns = useMemo(() => keepColumnState(desk, 'actions.columns'), [desk]);
  useActionBook(actions);
  const awaiting = actions.awaitingApproval();

  const context = useMemo<ActionGridContext>(
    () => ({ desk, book: actions, operator, canApprove, reject: setRejecting }),
    [desk, actions, operator, canApprove],
  );

  const onGridReady = useCallback(
    (event: GridReadyEvent<ActionRow>) => {
      const api = event.api;
      apiRef.current = api;
      void columns.restore(api as GridApi);
      const detach = actions.feed.attach(rowSinkOf(api));
      api.addEventListener('gridPreDestroyed', () => {
        detach();
        apiRef.current = null;
      });
    },
    [actions, columns],
  );
  useEffect(() => () => columns.dispose(), [columns]);
  // Approve buttons depend on who is signed in; redraw that column when it changes.
  useEffect(() => {
    const api = apiRef.current;
    if (!api || api.isDestroyed()) return;
    api.setGridOption('context', context);
    api.refreshCells({ columns: ['approval'], force: true });
  }, [context]);

  const saveColumns = useCallback(() => {
    const api = apiRef.current;
    if (api) columns.changed(api as GridApi);
  }, [columns]);

  if (hidden) return null;
  return (
    <section className="panel" aria-label="Actions" data-testid="actions-panel">
      <header className="panel-header">
        <h2>Actions</h2>
        <span className="panel-count" data-testid="actions-count" data-count={actions.feed.size}>
          {actions.isLoaded ? formatCount(actions.feed.size) : 'loading…'}
        </span>
        <span className={awaiting > 0 ? 'warn-text' : 'muted'} data-testid="actions-awaiting" data-count={awaiting}>
          {awaiting} awaiting approval
        </span>
        <input
          className="panel-search"
          type="search"
          data-testid="actions-search"
          placeholder="Filter actions"
          spellCheck={false}
          value={quick}
          onChange={(e) => setQuick(e.target.value)}
        />
      </header>
      <div className="panel-grid" data-testid="actions-grid">
        <PanelGrid<ActionRow>
          columnDefs={actionColumns}
          getRowId={getRowId}
          context={context}
          quickFilterText={quick}
          onGridReady={onGridReady}
          asyncTransactionWaitMillis={16}
          {...columnStateEvents(saveColumns)}
        />
      </div>
      {rejecting && <RejectDialog action={rejecting} onClose={() => setRejecting(null)} />}
    </section>
  );
}
