/**
 * Toxic flow: accounts ranked by their overall score, live; filter by detector or to the accounts
 * whose recommendation differs from their book; pick one to see its evidence and route it.
 */
import type { GetRowIdParams, RowClickedEvent } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import type { ToxicRow } from '../../../shared/routing';
import { TOXIC_DETECTORS, type ToxicDetector } from '../../../shared/toxic';
import { useStartedDesk } from '../../desk-context';
import { formatCount } from '../../format';
import { PanelGrid } from '../../grids/PanelGrid';
import { ToxicDetail } from './ToxicDetail';
import { ToxicSettingsEditor } from './ToxicSettingsEditor';
import { toxicColumns } from './toxic-columns';
import { detectorName } from './toxic-format';
import { useToxicRows } from './use-toxic-rows';

const getRowId = (p: GetRowIdParams<ToxicRow>) => p.data.id;

export function ToxicPanel({ hidden }: { hidden: boolean }) {
  const { desk } = useStartedDesk();
  const { rows, error, loaded } = useToxicRows(desk, hidden);
  const [detector, setDetector] = useState<ToxicDetector | ''>('');
  const [mismatched, setMismatched] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [tuning, setTuning] = useState(false);

  const shown = useMemo(
    () =>
      rows.filter(
        (r) =>
          (detector === '' || r.flagged.includes(detector)) &&
          (!mismatched || (r.book !== null && r.book !== r.recommendation)),
      ),
    [rows, detector, mismatched],
  );
  const selected = rows.find((r) => r.id === selectedId) ?? null;
  const flaggedCount = rows.filter((r) => r.flagged.length > 0).length;
  const onRowClicked = useCallback((e: RowClickedEvent<ToxicRow>) => setSelectedId(e.data?.id ?? null), []);

  if (hidden) return null;
  return (
    <section className={`panel ${selected ? 'with-drill' : ''}`} aria-label="Toxic flow" data-testid="toxic-panel">
      <header className="panel-header">
        <h2>Toxic flow</h2>
        <span className="panel-count" data-testid="toxic-count" data-count={loaded ? shown.length : -1}>
          {loaded ? `${formatCount(shown.length)} accounts · ${formatCount(flaggedCount)} flagged` : 'loading…'}
        </span>
        <label>
          <span>Detector </span>
          <select
            data-testid="toxic-detector"
            value={detector}
            onChange={(e) => setDetector(e.target.value as ToxicDetector | '')}
          >
            <option value="">all accounts</option>
            {TOXIC_DETECTORS.map((d) => (
              <option key={d} value={d}>
                flagged: {detectorName(d)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="toxic-mismatched"
            checked={mismatched}
            onChange={(e) => setMismatched(e.target.checked)}
          />{' '}
          recommendation ≠ book
        </label>
        {error && (
          <span className="error-text" role="alert">
            {error}
          </span>
        )}
        <button
          type="button"
          className="small-button push-right"
          data-testid="toxic-settings-toggle"
          aria-expanded={tuning}
          onClick={() => setTuning((t) => !t)}
        >
          Thresholds
        </button>
      </header>
      {tuning && <ToxicSettingsEditor />}
      <div className="panel-grid" data-testid="toxic-grid">
        <PanelGrid<ToxicRow>
          columnDefs={toxicColumns}
          rowData={shown}
          getRowId={getRowId}
          onRowClicked={onRowClicked}
        />
      </div>
      {selected && (
        <div className="drill">
          <ToxicDetail row={selected} />
        </div>
      )}
    </section>
  );
}
