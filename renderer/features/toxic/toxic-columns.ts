import type { ColDef } from 'ag-grid-community';
import type { ToxicRow } from '../../../shared/routing';
import { formatMoneyCell } from '../../format';
import { bookColumnDef, NUMBER_CELL, signedMoneyClasses } from '../../grids/cell-styles';
import { flagsText, formatScore } from './toxic-format';

const money = (
  field: 'netProfit' | 'aBookPnl' | 'bBookPnl',
  headerName: string,
  tooltip: string,
): ColDef<ToxicRow> => ({
  field,
  headerName,
  headerTooltip: tooltip,
  width: 115,
  type: 'rightAligned',
  cellClass: NUMBER_CELL,
  cellClassRules: signedMoneyClasses,
  valueFormatter: (p) => formatMoneyCell(p.value),
});

export const toxicColumns: ColDef<ToxicRow>[] = [
  {
    field: 'overallScore',
    headerName: 'Score',
    width: 80,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    sort: 'desc',
    valueFormatter: (p) => formatScore(p.value ?? 0),
    cellClassRules: {
      'cell-danger': (p) => (p.value ?? 0) >= 1,
      'cell-warn': (p) => (p.value ?? 0) >= 0.75 && p.value < 1,
    },
  },
  { field: 'server', headerName: 'Server', width: 90 },
  { field: 'login', headerName: 'Login', width: 90, type: 'rightAligned', cellClass: NUMBER_CELL },
  { field: 'clientName', headerName: 'Client', width: 140 },
  { field: 'group', headerName: 'Group', width: 150 },
  { ...bookColumnDef, valueFormatter: (p) => (p.value === null ? '—' : String(p.value)) },
  {
    field: 'recommendation',
    headerName: 'Rec.',
    headerTooltip: 'Recommended book',
    width: 70,
    cellClassRules: {
      'book-a': (p) => p.value === 'A',
      'cell-attention': (p) => p.data?.book !== null && p.value !== p.data?.book,
    },
  },
  {
    field: 'pendingBook',
    headerName: 'Pending',
    width: 85,
    valueFormatter: (p) => (p.value ? `→ ${p.value}` : ''),
  },
  {
    colId: 'flags',
    headerName: 'Flags',
    width: 220,
    valueGetter: (p) => (p.data ? flagsText(p.data) : ''),
    tooltipValueGetter: (p) => p.data?.reason,
  },
  { field: 'trades', headerName: 'Trades', width: 80, type: 'rightAligned', cellClass: NUMBER_CELL },
  {
    field: 'winRate',
    headerName: 'Win %',
    width: 75,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    valueFormatter: (p) => `${Math.round((p.value ?? 0) * 100)}%`,
  },
  money('netProfit', 'Client P&L', 'Net P&L of the window to the client (account currency)'),
  money('bBookPnl', 'B-book P&L', 'What the window earned (+) or cost (−) the broker holding the risk'),
  money('aBookPnl', 'A-book P&L', 'What the window would have earned the broker passing the flow on'),
  { field: 'currency', headerName: 'Ccy', width: 60 },
];
