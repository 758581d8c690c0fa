/**
 * The ag-grid of a desk panel (actions, audit trail, alert history, toxic flow): the desk's theme
 * and column defaults, every column in the DOM (keyboard users and tests read them), no row
 * animation, and the browser's tooltips for clipped cells. The live book grids use LiveGrid.
 */
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { deskDefaultColDef, deskGridTheme } from './grid-setup';

export function PanelGrid<T>(props: AgGridReactProps<T>) {
  return (
    <AgGridReact<T>
      theme={deskGridTheme}
      defaultColDef={deskDefaultColDef}
      suppressColumnVirtualisation
      animateRows={false}
      enableBrowserTooltips
      {...props}
    />
  );
}
