/**
 * Admins only: the MT5 servers the desk connects to, who works at the desk (operators and roles),
 * the money limits and the routing map.
 */
import { ConnectionsEditor } from './ConnectionsEditor';
import { LimitsEditor } from './LimitsEditor';
import { OperatorsEditor } from './OperatorsEditor';
import { RoutingMapEditor } from './RoutingMapEditor';

export function AdminPanel({ hidden }: { hidden: boolean }) {
  if (hidden) return null;
  return (
    <section className="panel admin-panel" aria-label="Admin" data-testid="admin-panel">
      <header className="panel-header">
        <h2>Admin</h2>
        <span className="muted">Servers, operators, limits and routing; every change is in the audit trail</span>
      </header>
      <div className="admin-body">
        <ConnectionsEditor />
        <OperatorsEditor />
        <LimitsEditor />
        <RoutingMapEditor />
      </div>
    </section>
  );
}
