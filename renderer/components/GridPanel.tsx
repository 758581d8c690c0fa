import type { ReactNode } from 'react';
import { formatCount } from '../format';
import { type GridName, useDeskStore } from '../stores/desk-store';

export interface GridPanelProps {
  grid: GridName;
  title: string;
  hidden: boolean;
  children: ReactNode;
  /** Controls for the grid's rows (e.g. the accounts' action buttons), in the header. */
  tools?: ReactNode;
}

/**
 * A titled pane around a grid with its counts. A hidden pane stays mounted (CSS only), so its
 * grid keeps taking transactions and shows current figures the moment it is brought back.
 */
export function GridPanel({ grid, title, hidden, children, tools }: GridPanelProps) {
  const count = useDeskStore((s) => s.counts[grid]);
  return (
    <section className="panel" hidden={hidden} aria-label={title}>
      <header className="panel-header">
        <h2>{title}</h2>
        <span className="panel-count" data-testid={`${grid}-count`} data-shown={count.shown} data-total={count.total}>
          {count.filtered ? `${formatCount(count.shown)} of ${formatCount(count.total)}` : formatCount(count.shown)}
        </span>
        {tools}
      </header>
      <div className="panel-grid" data-testid={`${grid}-grid`}>
        {children}
      </div>
    </section>
  );
}
