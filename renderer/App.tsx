import { useEffect, useMemo, useRef } from 'react';
import type { DeskApi } from '../shared/contract';
import type { DeskFeeds } from './api/desk-session';
import { GridPanel } from './components/GridPanel';
import { PanelTabs, useVisibleTabs } from './components/PanelTabs';
import { ProblemBanner } from './components/ProblemBanner';
import { StatusBar } from './components/StatusBar';
import { Toolbar } from './components/Toolbar';
import { DeskContext } from './desk-context';
import { AccountsGrid } from './features/accounts/AccountsGrid';
import { AccountActionsBar } from './features/actions/AccountActionsBar';
import { AccountMenu } from './features/actions/AccountMenu';
import { ActionDialogs } from './features/actions/ActionDialogs';
import { ActionsPanel } from './features/actions/ActionsPanel';
import type { ActionBook } from './features/actions/action-book';
import { AdminPanel } from './features/admin/AdminPanel';
import { AlertHistoryPanel } from './features/alerts/AlertHistoryPanel';
import { AlertsPanel } from './features/alerts/AlertsPanel';
import { AuditPanel } from './features/audit/AuditPanel';
import { ClientDrawer } from './features/clients/ClientDrawer';
import { ExposurePanel } from './features/exposure/ExposurePanel';
import { PositionsGrid } from './features/positions/PositionsGrid';
import { OperatorBadge } from './features/session/OperatorBadge';
import { ToxicPanel } from './features/toxic/ToxicPanel';
import { useDeskStore } from './stores/desk-store';

export interface AppProps {
  desk: DeskApi;
  feeds: DeskFeeds;
  actions: ActionBook;
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))
  );
}

export function App({ desk, feeds, actions }: AppProps) {
  const layout = useDeskStore((s) => s.layout);
  const setLayout = useDeskStore((s) => s.setLayout);
  const quickSearchRef = useRef<HTMLInputElement>(null);
  const tabs = useVisibleTabs();
  const started = useMemo(() => ({ desk, feeds, actions }), [desk, feeds, actions]);

  // Keyboard first: "/" or Ctrl+F jumps to search, Alt+1..9 switch panels.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.key === '/' && !isTyping(e.target)) || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f')) {
        e.preventDefault();
        quickSearchRef.current?.focus();
        quickSearchRef.current?.select();
        return;
      }
      const target = e.altKey && !e.ctrlKey ? tabs.find((t) => t.key === e.key)?.layout : undefined;
      if (target) {
        e.preventDefault();
        setLayout(target);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setLayout, tabs]);

  const shows = (...layouts: string[]) => layouts.includes(layout);
  return (
    <DeskContext.Provider value={started}>
      <div className={`desk layout-${layout}`}>
        <header className="top-bar">
          <h1>Dealer Desk</h1>
          <PanelTabs />
          <Toolbar feeds={feeds} quickSearchRef={quickSearchRef} />
          <OperatorBadge desk={desk} />
        </header>
        <ProblemBanner />
        <div className="desk-body">
          <main className="panels">
            <GridPanel grid="positions" title="Positions" hidden={!shows('split', 'positions')}>
              <PositionsGrid desk={desk} feed={feeds.positions} />
            </GridPanel>
            <GridPanel
              grid="accounts"
              title="Accounts"
              hidden={!shows('split', 'accounts')}
              tools={<AccountActionsBar />}
            >
              <AccountsGrid desk={desk} feed={feeds.accounts} />
            </GridPanel>
            <ExposurePanel desk={desk} feeds={feeds.exposure} hidden={layout !== 'exposure'} />
            <ToxicPanel hidden={layout !== 'toxic'} />
            <ActionsPanel hidden={layout !== 'actions'} />
            <AuditPanel hidden={layout !== 'audit'} />
            <AlertHistoryPanel hidden={layout !== 'alert-history'} />
            <AdminPanel hidden={layout !== 'admin' || !tabs.some((t) => t.layout === 'admin')} />
          </main>
          <ClientDrawer />
          <AlertsPanel desk={desk} book={feeds.alerts} />
        </div>
        <StatusBar />
        <AccountMenu />
        <ActionDialogs />
      </div>
    </DeskContext.Provider>
  );
}
