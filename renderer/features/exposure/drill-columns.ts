/** The compact positions grid of a drill-down: who holds what, at which price, with what result. */
import type { ColDef } from 'ag-grid-community';
import type { PositionRow } from '../../../shared/rows';
import { positionColumns } from '../positions/position-columns';

const KEPT = [
  'server',
  'ticket',
  'login',
  'clientName',
  'group',
  'symbol',
  'side',
  'lots',
  'priceOpen',
  'priceCurrent',
  'profit',
  'currency',
];

export const drillColumns: ColDef<PositionRow>[] = [
  ...KEPT.map((field) => positionColumns.find((c) => c.field === field)!).map((c) =>
    c.field === 'lots' ? { ...c, sort: 'desc' as const } : c,
  ),
  {
    field: 'coverage',
    headerName: 'Book',
    width: 85,
    cellDataType: false,
    valueFormatter: (p) => (p.value ? 'Coverage' : 'Client'),
  },
];
