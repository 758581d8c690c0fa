/** Admins only: who works at the desk (operators and roles), the money limits and the routing map. */
import { LimitsEditor } from './LimitsEditor';
import { OperatorsEditor } from './OperatorsEditor';
import { RoutingMapEditor } from './RoutingMapEditor';

export function AdminPanel({ hidden }: { hidden: boolean }) {
  if (hidden) return null;
  return (
    <section className="panel admin-panel" aria-label="Admin" data-testid="admin-panel">
      <header className="panel-header">
        <h2>Admin</h2>
        <span className="muted">Operators, limits and routing; every change is in the audit trail</span>
      </header>
      <div className="admin-body">
        <OperatorsEditor />
        <LimitsEditor />
        <RoutingMapEditor />
      </div>
    </section>
  );
}
