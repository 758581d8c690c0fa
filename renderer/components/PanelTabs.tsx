import type { KeyboardEvent } from 'react';
import { formatCount } from '../format';
import { type GridName, type PanelLayout, useDeskStore } from '../stores/desk-store';

const TABS: { layout: PanelLayout; label: string; grid?: GridName; key: string }[] = [
  { layout: 'split', label: 'Split', key: 'Alt+1' },
  { layout: 'positions', label: 'Positions', grid: 'positions', key: 'Alt+2' },
  { layout: 'accounts', label: 'Accounts', grid: 'accounts', key: 'Alt+3' },
  { layout: 'exposure', label: 'Exposure', key: 'Alt+4' },
];

/** Which panels fill the window; arrow keys move between tabs as in any tab list. */
export function PanelTabs() {
  const layout = useDeskStore((s) => s.layout);
  const setLayout = useDeskStore((s) => s.setLayout);
  const counts = useDeskStore((s) => s.counts);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const at = TABS.findIndex((t) => t.layout === layout);
    const next = TABS[(at + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setLayout(next.layout);
    document.getElementById(`tab-${next.layout}`)?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label="Panels" tabIndex={-1} onKeyDown={onKeyDown}>
      {TABS.map((tab) => (
        <button
          key={tab.layout}
          id={`tab-${tab.layout}`}
          type="button"
          role="tab"
          data-testid={`tab-${tab.layout}`}
          aria-selected={layout === tab.layout}
          tabIndex={layout === tab.layout ? 0 : -1}
          title={tab.key}
          onClick={() => setLayout(tab.layout)}
        >
          {tab.label}
          {tab.grid && <span className="tab-count">{formatCount(counts[tab.grid].shown)}</span>}
        </button>
      ))}
    </div>
  );
}
