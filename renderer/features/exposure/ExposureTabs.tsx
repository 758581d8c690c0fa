import type { KeyboardEvent } from 'react';
import { type ExposureTab, useRiskStore } from '../../stores/risk-store';
import { EXPOSURE_TABS } from './exposure-rows';

export const EXPOSURE_TAB_LABELS: Record<ExposureTab, string> = {
  symbol: 'Symbol',
  asset: 'Asset',
  group: 'Group',
  region: 'Region',
  book: 'Book',
};

/** The exposure panel's slices; arrow keys move between them as in any tab list. */
export function ExposureTabs() {
  const tab = useRiskStore((s) => s.exposureTab);
  const setTab = useRiskStore((s) => s.setExposureTab);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const at = EXPOSURE_TABS.indexOf(tab);
    const next = EXPOSURE_TABS[(at + (e.key === 'ArrowRight' ? 1 : EXPOSURE_TABS.length - 1)) % EXPOSURE_TABS.length]!;
    setTab(next);
    document.getElementById(`exposure-tab-${next}`)?.focus();
  };

  return (
    <div className="tabs sub-tabs" role="tablist" aria-label="Exposure by" tabIndex={-1} onKeyDown={onKeyDown}>
      {EXPOSURE_TABS.map((t) => (
        <button
          key={t}
          id={`exposure-tab-${t}`}
          type="button"
          role="tab"
          data-testid={`exposure-tab-${t}`}
          aria-selected={tab === t}
          tabIndex={tab === t ? 0 : -1}
          onClick={() => setTab(t)}
        >
          {EXPOSURE_TAB_LABELS[t]}
        </button>
      ))}
    </div>
  );
}
