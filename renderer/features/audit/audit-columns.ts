import type { ColDef } from 'ag-grid-community';
import type { AuditEntry } from '../../../shared/actions';
import { NUMBER_CELL } from '../../grids/cell-styles';
import { journalColumns } from '../../grids/journal-columns';
import { formatAuditValue } from './audit-filter';

const resultTone: Record<AuditEntry['result'], string> = {
  ok: 'tone-done',
  confirmed: 'tone-done',
  pending: 'tone-in-flight',
  refused: 'tone-bad',
  failed: 'tone-bad',
  unresolved: 'tone-attention',
};

export const auditColumns: ColDef<AuditEntry>[] = [
  ...journalColumns<AuditEntry>(),
  { field: 'operator', headerName: 'Operator', width: 120 },
  { field: 'action', headerName: 'Action', width: 160 },
  {
    field: 'result',
    headerName: 'Result',
    width: 95,
    cellClass: (p) => (p.value ? ['action-state-cell', resultTone[p.value as AuditEntry['result']]] : []),
  },
  { field: 'server', headerName: 'Server', width: 90, valueFormatter: (p) => p.value ?? '' },
  { field: 'login', headerName: 'Login', width: 90, type: 'rightAligned', cellClass: NUMBER_CELL },
  { field: 'subject', headerName: 'Subject', width: 170 },
  { field: 'message', headerName: 'Message', width: 300, tooltipField: 'message' },
  {
    colId: 'before',
    headerName: 'Before',
    width: 170,
    valueGetter: (p) => formatAuditValue(p.data?.before),
    tooltipValueGetter: (p) => formatAuditValue(p.data?.before),
  },
  {
    colId: 'after',
    headerName: 'After',
    width: 170,
    valueGetter: (p) => formatAuditValue(p.data?.after),
    tooltipValueGetter: (p) => formatAuditValue(p.data?.after),
  },
  {
    field: 'hash',
    headerName: 'Hash',
    width: 110,
    valueFormatter: (p) => (p.value ? `${String(p.value).slice(0, 12)}…` : ''),
  },
];
