import { useEffect, useState } from 'react';
import { formatAge, formatCount, formatRate } from '../format';
import { type StatusEntry, useDeskStore } from '../stores/desk-store';

/** Re-renders the bar once a second so data age keeps growing when a server goes quiet. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function ServerState({ status, now }: { status: StatusEntry; now: number }) {
  const age = status.dataAgeMs + Math.max(0, now - status.receivedAt);
  return (
    <span
      className={`server-status state-${status.state}`}
      data-testid="server-status"
      data-server={status.server}
      data-state={status.state}
      title={status.message || `${status.server}: ${status.state}, lag ${status.lagMs} ms`}
    >
      <span className="dot" aria-hidden="true" />
      <strong>{status.server}</strong> {status.state} · {formatAge(age)} · {formatRate(status.eventsPerSecond)} ev/s
    </span>
  );
}

export function StatusBar() {
  const statuses = useDeskStore((s) => s.statuses);
  const counts = useDeskStore((s) => s.counts);
  const ready = useDeskStore((s) => s.loaded.positions && s.loaded.accounts);
  const version = useDeskStore((s) => s.info?.version);
  const now = useNow(1000);

  return (
    <footer className="status-bar">
      <div className="status-servers">
        {statuses.length === 0 && <span className="muted">No server status yet</span>}
        {statuses.map((status) => (
          <ServerState key={status.server} status={status} now={now} />
        ))}
      </div>
      <div className="status-totals" data-testid="row-totals">
        Positions {formatCount(counts.positions.total)} · Accounts {formatCount(counts.accounts.total)}
      </div>
      {ready ? (
        <span className="ready" data-testid="desk-ready">
          Ready
        </span>
      ) : (
        <span className="muted" data-testid="desk-loading">
          Loading…
        </span>
      )}
      {version && <span className="muted">v{version}</span>}
    </footer>
  );
}
