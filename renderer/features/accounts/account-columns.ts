import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { AccountRow } from '../../../shared/rows';
import { formatLeverage, formatMarginLevel, formatMoneyCell } from '../../format';
import { bookColumnDef, moneyInUnits, NUMBER_CELL, negativeMoneyClasses } from '../../grids/cell-styles';
import { marginTone } from './margin-tone';

const money = (p: ValueFormatterParams<AccountRow>) => formatMoneyCell(p.value);

const moneyColumn = (field: keyof AccountRow, headerName: string, flash: boolean): ColDef<AccountRow> => ({
  field,
  headerName,
  width: 115,
  type: 'rightAligned',
  cellClass: NUMBER_CELL,
  valueFormatter: money,
  enableCellChangeFlash: flash,
  filter: 'agNumberColumnFilter',
  filterValueGetter: (p) => moneyInUnits(p.data?.[field]),
});

export const accountColumns: ColDef<AccountRow>[] = [
  { field: 'server', headerName: 'Server', width: 100 },
  { field: 'login', headerName: 'Login', width: 95, type: 'rightAligned', cellClass: NUMBER_CELL },
  { field: 'clientName', headerName: 'Client', width: 150 },
  { field: 'group', headerName: 'Group', width: 140 },
  bookColumnDef,
  { field: 'currency', headerName: 'Ccy', width: 65 },
  {
    field: 'leverage',
    headerName: 'Leverage',
    width: 90,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    valueFormatter: (p) => formatLeverage(p.value ?? 0),
  },
  // Balance and credit flash: they move when money does (a deposit, a credit). Equity, margin, free
  // margin and margin level move with every price of the account's positions, every frame for the
  // accounts in view, so a flash would light whole columns instead of pointing at a change; the
  // margin level's colour carries the news there.
  moneyColumn('balance', 'Balance', true),
  moneyColumn('credit', 'Credit', true),
  { ...moneyColumn('equity', 'Equity', false), cellClassRules: negativeMoneyClasses },
  moneyColumn('margin', 'Margin', false),
  moneyColumn('marginFree', 'Free margin', false),
  {
    field: 'marginLevel',
    headerName: 'Margin level',
    width: 110,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    valueFormatter: (p) => formatMarginLevel(p.value),
    filter: 'agNumberColumnFilter',
    cellClassRules: {
      'cell-warn': (p) => p.data !== undefined && marginTone(p.data) === 'warn',
      'cell-danger': (p) => p.data !== undefined && marginTone(p.data) === 'danger',
    },
  },
  {
    field: 'positions',
    headerName: 'Positions',
    width: 90,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    filter: 'agNumberColumnFilter',
  },
  {
    field: 'tradeDisabled',
    headerName: 'Trade disabled',
    width: 115,
    // Text, not ag-grid's inferred checkbox: a dealer scans for the word, and it sorts and searches.
    cellDataType: false,
    valueFormatter: (p) => (p.value ? 'Disabled' : ''),
    getQuickFilterText: (p) => (p.value ? 'disabled' : ''),
    cellClassRules: { 'cell-loss': (p) => p.value === true },
  },
];
