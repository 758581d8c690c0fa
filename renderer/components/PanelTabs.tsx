import type { KeyboardEvent } from 'react';
import type { Permission } from '../../shared/operators';
import { useStartedDesk } from '../desk-context';
import { useActionBook } from '../features/actions/use-action';
import { formatCount } from '../format';
import { type GridName, type PanelLayout, useDeskStore } from '../stores/desk-store';
import { useSessionStore } from '../stores/session-store';

interface Tab {
  layout: PanelLayout;
  label: string;
  grid?: GridName;
  key: string;
  /** Shown only to operators whose role grants it. */
  permission?: Permission;
}

export const PANEL_TABS: Tab[] = [
  { layout: 'split', label: 'Split', key: '1' },
  { layout: 'positions', label: 'Positions', grid: 'positions', key: '2' },
  { layout: 'accounts', label: 'Accounts', grid: 'accounts', key: '3' },
  { layout: 'exposure', label: 'Exposure', key: '4' },
  { layout: 'toxic', label: 'Toxic flow', key: '5' },
  { layout: 'actions', label: 'Actions', key: '6' },
  { layout: 'audit', label: 'Audit', key: '7' },
  { layout: 'alert-history', label: 'Alert history', key: '8' },
  { layout: 'admin', label: 'Admin', key: '9', permission: 'admin' },
];

/** The tabs this operator sees. */
export function useVisibleTabs(): Tab[] {
  const permissions = useSessionStore((s) => s.session?.permissions);
  return PANEL_TABS.filter((t) => !t.permission || (permissions?.includes(t.permission) ?? false));
}

/** Which panels fill the window; arrow keys move between tabs as in any tab list. */
export function PanelTabs() {
  const layout = useDeskStore((s) => s.layout);
  const setLayout = useDeskStore((s) => s.setLayout);
  const counts = useDeskStore((s) => s.counts);
  const { actions } = useStartedDesk();
  useActionBook(actions);
  const awaiting = actions.awaitingApproval();
  const tabs = useVisibleTabs();

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const at = tabs.findIndex((t) => t.layout === layout);
    const next = tabs[(at + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
    setLayout(next.layout);
    document.getElementById(`tab-${next.layout}`)?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label="Panels" tabIndex={-1} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.layout}
          id={`tab-${tab.layout}`}
          type="button"
          role="tab"
          data-testid={`tab-${tab.layout}`}
          aria-selected={layout === tab.layout}
          tabIndex={layout === tab.layout ? 0 : -1}
          title={`Alt+${tab.key}`}
          onClick={() => setLayout(tab.layout)}
        >
          {tab.label}
          {tab.grid && <span className="tab-count">{formatCount(counts[tab.grid].shown)}</span>}
          {tab.layout === 'actions' && awaiting > 0 && (
            <span className="tab-count warn-text" title="Awaiting approval">
              {awaiting}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
