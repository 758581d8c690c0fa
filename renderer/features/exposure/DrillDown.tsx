/**
 * The positions behind one exposure row (`exposure.positions`), refreshed every few seconds
 * while open, and for a symbol row its chart. Esc or the close button goes back to the table.
 */
import type { ColDef, GetRowIdParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useState } from 'react';
import type { DeskApi } from '../../../shared/contract';
import type { PositionRow } from '../../../shared/rows';
import { formatCount } from '../../format';
import { deskGridTheme } from '../../grids/grid-setup';
import type { ExposureRowRef } from '../../stores/risk-store';
import { SymbolChart } from '../charts/SymbolChart';
import { drillColumns } from './drill-columns';
import { describeRowRef } from './exposure-rows';

const REFRESH_MS = 2_000;
const defaultColDef: ColDef = { sortable: true, resizable: true, filter: true, minWidth: 50 };
const getRowId = (p: GetRowIdParams<PositionRow>) => p.data.id;

export interface DrillDownProps {
  desk: DeskApi;
  target: ExposureRowRef;
  onClose: () => void;
}

export function DrillDown({ desk, target, onClose }: DrillDownProps) {
  const [rows, setRows] = useState<PositionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setRows(null);
    setError(null);
    const load = async () => {
      try {
        const reply = await desk['exposure.positions'](target);
        if (!live) return;
        if (reply.ok) {
          setRows(reply.value);
          setError(null);
        } else {
          setError(reply.error.message);
        }
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e));
      }
      if (live) timer = setTimeout(load, REFRESH_MS);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [desk, target]);

  return (
    <section className="drill" aria-label={`Positions behind ${describeRowRef(target)}`} data-testid="drill-down">
      <header className="panel-header">
        <h2 data-testid="drill-title">{describeRowRef(target)}</h2>
        <span className="panel-count" data-testid="drill-count" data-count={rows?.length ?? -1}>
          {rows === null ? 'loading…' : `${formatCount(rows.length)} positions`}
        </span>
        {error && (
          <span className="error-text" role="alert" data-testid="drill-error">
            {error}
          </span>
        )}
        <button
          type="button"
          className="small-button push-right"
          data-testid="drill-close"
          onClick={onClose}
          title="Esc"
        >
          Close
        </button>
      </header>
      <div className="drill-body">
        <div className="panel-grid" data-testid="drill-grid">
          <AgGridReact<PositionRow>
            theme={deskGridTheme}
            columnDefs={drillColumns}
            defaultColDef={defaultColDef as ColDef<PositionRow>}
            rowData={rows ?? []}
            getRowId={getRowId}
            suppressColumnVirtualisation
            animateRows={false}
          />
        </div>
        {target.tab === 'symbol' && (
          <div className="drill-chart">
            <SymbolChart desk={desk} server={target.server} symbol={target.symbol} />
          </div>
        )}
      </div>
    </section>
  );
}
