import type { ColDef } from 'ag-grid-community';
import type { RequestOutput } from '../../../shared/contract';
import { journalColumns } from '../../grids/journal-columns';

export type AlertHistoryRow = RequestOutput<'alerts.history'>[number];

export const alertHistoryColumns: ColDef<AlertHistoryRow>[] = [
  ...journalColumns<AlertHistoryRow>(),
  { field: 'kind', headerName: 'Change', width: 110 },
  { field: 'by', headerName: 'By', width: 120, valueFormatter: (p) => p.value ?? 'desk' },
  { colId: 'rule', headerName: 'Rule', width: 130, valueGetter: (p) => p.data?.alert.rule },
  { colId: 'server', headerName: 'Server', width: 90, valueGetter: (p) => p.data?.alert.server ?? '' },
  { colId: 'subject', headerName: 'Subject', width: 130, valueGetter: (p) => p.data?.alert.subject },
  {
    colId: 'level',
    headerName: 'Level',
    width: 80,
    valueGetter: (p) => p.data?.alert.level,
    cellClassRules: { 'cell-danger': (p) => p.value === 'critical', 'cell-warn': (p) => p.value === 'warn' },
  },
  { colId: 'state', headerName: 'State', width: 110, valueGetter: (p) => p.data?.alert.state },
  {
    colId: 'message',
    headerName: 'Message',
    width: 420,
    valueGetter: (p) => p.data?.alert.message,
    tooltipValueGetter: (p) => p.data?.alert.message,
  },
  { colId: 'key', headerName: 'Key', width: 220, valueGetter: (p) => p.data?.alert.key },
];
