import { useEffect, useRef } from 'react';
import type { DeskApi } from '../shared/contract';
import type { DeskFeeds } from './api/desk-session';
import { GridPanel } from './components/GridPanel';
import { PanelTabs } from './components/PanelTabs';
import { ProblemBanner } from './components/ProblemBanner';
import { StatusBar } from './components/StatusBar';
import { Toolbar } from './components/Toolbar';
import { AccountsGrid } from './features/accounts/AccountsGrid';
import { AlertsPanel } from './features/alerts/AlertsPanel';
import { ExposurePanel } from './features/exposure/ExposurePanel';
import { PositionsGrid } from './features/positions/PositionsGrid';
import { type PanelLayout, useDeskStore } from './stores/desk-store';

export interface AppProps {
  desk: DeskApi;
  feeds: DeskFeeds;
}

const LAYOUT_KEYS: Record<string, PanelLayout> = { '1': 'split', '2': 'positions', '3': 'accounts', '4': 'exposure' };

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))
  );
}

export function App({ desk, feeds }: AppProps) {
  const layout = useDeskStore((s) => s.layout);
  const setLayout = useDeskStore((s) => s.setLayout);
  const quickSearchRef = useRef<HTMLInputElement>(null);

  // Keyboard first: "/" or Ctrl+F jumps to search, Alt+1..4 switch panels.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.key === '/' && !isTyping(e.target)) || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f')) {
        e.preventDefault();
        quickSearchRef.current?.focus();
        quickSearchRef.current?.select();
        return;
      }
      const target = e.altKey && !e.ctrlKey ? LAYOUT_KEYS[e.key] : undefined;
      if (target) {
        e.preventDefault();
        setLayout(target);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setLayout]);

  return (
    <div className={`desk layout-${layout}`}>
      <header className="top-bar">
        <h1>Dealer Desk</h1>
        <PanelTabs />
        <Toolbar feeds={feeds} quickSearchRef={quickSearchRef} />
      </header>
      <ProblemBanner />
      <div className="desk-body">
        <main className="panels">
          <GridPanel grid="positions" title="Positions" hidden={layout === 'accounts' || layout === 'exposure'}>
            <PositionsGrid desk={desk} feed={feeds.positions} />
          </GridPanel>
          <GridPanel grid="accounts" title="Accounts" hidden={layout === 'positions' || layout === 'exposure'}>
            <AccountsGrid desk={desk} feed={feeds.accounts} />
          </GridPanel>
          <ExposurePanel desk={desk} feeds={feeds.exposure} hidden={layout !== 'exposure'} />
        </main>
        <AlertsPanel desk={desk} book={feeds.alerts} />
      </div>
      <StatusBar />
    </div>
  );
}
