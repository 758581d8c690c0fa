/**
 * The first two columns of every journal the desk pages newest first (the audit trail, the alert
 * history): the entry's number, sorted newest first, and when it happened in desk time.
 */
import type { ColDef, ColDefField } from 'ag-grid-community';
import { formatDeskTime } from '../features/actions/desk-time';
import { NUMBER_CELL, TIME_CELL } from './cell-styles';

export function journalColumns<T extends { id: number; atMsc: number }>(): ColDef<T>[] {
  return [
    {
      field: 'id' as ColDefField<T>,
      headerName: '#',
      width: 80,
      type: 'rightAligned',
      cellClass: NUMBER_CELL,
      sort: 'desc',
    },
    {
      field: 'atMsc' as ColDefField<T>,
      headerName: 'Time',
      width: 150,
      cellClass: TIME_CELL,
      valueFormatter: (p) => formatDeskTime(p.value),
    },
  ];
}
