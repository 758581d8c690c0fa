/**
 * The broker's exposure by symbol, asset, group, region and book (DOMAIN.md "Exposure"), live
 * from the `exposure` stream. A row click (or Enter) opens the positions behind it underneath;
 * for a symbol row, its chart beside them.
 */
import { useCallback, useEffect, useMemo } from 'react';
import type { DeskApi } from '../../../shared/contract';
import { useDeskStore } from '../../stores/desk-store';
import { type ExposureRowRef, useRiskStore } from '../../stores/risk-store';
import { DrillDown } from './DrillDown';
import { ExposureGrid } from './ExposureGrid';
import { ExposureTabs } from './ExposureTabs';
import { assetColumns, groupColumns, sliceColumns, symbolColumns } from './exposure-columns';
import type { ExposureFeeds } from './exposure-feeds';
import { type ExposureGridRow, exposureRowRef } from './exposure-rows';

export interface ExposurePanelProps {
  desk: DeskApi;
  feeds: ExposureFeeds;
  hidden: boolean;
}

export function ExposurePanel({ desk, feeds, hidden }: ExposurePanelProps) {
  const tab = useRiskStore((s) => s.exposureTab);
  const drill = useRiskStore((s) => s.drill);
  const setDrill = useRiskStore((s) => s.setDrill);
  const ccy = useDeskStore((s) => s.info?.deskCurrency ?? '');

  const onDrill = useCallback((row: ExposureGridRow) => setDrill(exposureRowRef(tab, row)), [tab, setDrill]);
  const close = useCallback(() => setDrill(null), [setDrill]);

  // Esc closes the drill-down, unless a field or a grid menu has the key.
  useEffect(() => {
    if (hidden || !drill) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (e.target instanceof HTMLElement && /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) return;
      close();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [hidden, drill, close]);

  const columns = useMemo(
    () => ({
      symbol: symbolColumns(ccy),
      asset: assetColumns(ccy),
      group: groupColumns(ccy),
      region: sliceColumns('Region', ccy),
      book: sliceColumns('Book', ccy),
    }),
    [ccy],
  );

  if (hidden) return null;
  // One grid at a time: the feeds keep every tab's rows, and a grid is refilled when it mounts.
  const grid = (() => {
    const common = { desk, onDrill, testId: 'exposure-grid' };
    switch (tab) {
      case 'symbol':
        return (
          <ExposureGrid
            key={tab}
            {...common}
            feed={feeds.tabs.symbol}
            columnDefs={columns.symbol}
            layoutKey="exposure.symbol.columns"
          />
        );
      case 'asset':
        return (
          <ExposureGrid
            key={tab}
            {...common}
            feed={feeds.tabs.asset}
            columnDefs={columns.asset}
            layoutKey="exposure.asset.columns"
          />
        );
      case 'group':
        return (
          <ExposureGrid
            key={tab}
            {...common}
            feed={feeds.tabs.group}
            columnDefs={columns.group}
            layoutKey="exposure.group.columns"
          />
        );
      case 'region':
        return (
          <ExposureGrid
            key={tab}
            {...common}
            feed={feeds.tabs.region}
            columnDefs={columns.region}
            layoutKey="exposure.region.columns"
          />
        );
      case 'book':
        return (
          <ExposureGrid
            key={tab}
            {...common}
            feed={feeds.tabs.book}
            columnDefs={columns.book}
            layoutKey="exposure.book.columns"
          />
        );
    }
  })();

  return (
    <section className="panel exposure-panel" aria-label="Exposure" data-testid="exposure-panel">
      <header className="panel-header">
        <h2>Exposure</h2>
        <ExposureTabs />
        <span className="muted">{ccy && `money in ${ccy}`} · click a row or press Enter for its positions</span>
      </header>
      <div className={`exposure-body${drill ? ' with-drill' : ''}`}>
        {grid}
        {drill && (
          <DrillDown key={JSON.stringify(drill as ExposureRowRef)} desk={desk} target={drill} onClose={close} />
        )}
      </div>
    </section>
  );
}
