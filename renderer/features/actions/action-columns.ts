import type { ColDef } from 'ag-grid-community';
import type { ActionRow } from '../../../shared/actions';
import { NUMBER_CELL, TIME_CELL } from '../../grids/cell-styles';
import { ApprovalCell } from './ApprovalCell';
import {
  actionKindLabel,
  actionStateLabels,
  actionStateTones,
  formatActionAmount,
  formatActionError,
  formatChange,
} from './action-format';
import { formatDeskTime } from './desk-time';

export const actionColumns: ColDef<ActionRow>[] = [
  {
    field: 'requestedAtMsc',
    headerName: 'Time',
    width: 150,
    sort: 'desc',
    cellClass: TIME_CELL,
    valueFormatter: (p) => formatDeskTime(p.value),
    filter: false,
  },
  {
    field: 'state',
    headerName: 'State',
    width: 135,
    valueFormatter: (p) => (p.value ? actionStateLabels[p.value as ActionRow['state']] : ''),
    cellClass: (p) => (p.value ? ['action-state-cell', `tone-${actionStateTones[p.value as ActionRow['state']]}`] : []),
    getQuickFilterText: (p) => (p.value ? actionStateLabels[p.value as ActionRow['state']] : ''),
  },
  { field: 'server', headerName: 'Server', width: 95 },
  { field: 'login', headerName: 'Login', width: 90, type: 'rightAligned', cellClass: NUMBER_CELL },
  {
    field: 'kind',
    headerName: 'Action',
    width: 110,
    valueFormatter: (p) => (p.value ? actionKindLabel(p.value) : ''),
    getQuickFilterText: (p) => (p.value ? actionKindLabel(p.value) : ''),
  },
  {
    field: 'amount',
    headerName: 'Amount',
    width: 135,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    valueFormatter: (p) => (p.data ? formatActionAmount(p.data.amount, p.data.currency) : ''),
    cellClassRules: { 'cell-loss': (p) => typeof p.value === 'number' && p.value < 0 },
  },
  {
    colId: 'change',
    headerName: 'Before → after',
    width: 210,
    valueGetter: (p) => (p.data ? formatChange(p.data.before, p.data.after) : ''),
  },
  { field: 'requestedBy', headerName: 'Operator', width: 120 },
  { colId: 'approval', headerName: 'Approval', width: 160, cellRenderer: ApprovalCell, sortable: false, filter: false },
  {
    colId: 'error',
    headerName: 'Error',
    width: 260,
    valueGetter: (p) => (p.data ? formatActionError(p.data.error) : ''),
    cellClass: 'error-text',
    tooltipValueGetter: (p) => (p.data ? formatActionError(p.data.error) : ''),
  },
  { field: 'note', headerName: 'Note', width: 140 },
  { field: 'approvedBy', headerName: 'Approved by', width: 115, valueFormatter: (p) => p.value ?? '' },
  { field: 'attempts', headerName: 'Tries', width: 70, type: 'rightAligned', cellClass: NUMBER_CELL },
  { field: 'dealTicket', headerName: 'Deal', width: 95, type: 'rightAligned', cellClass: NUMBER_CELL },
  { field: 'id', headerName: 'Id', width: 150 },
];
