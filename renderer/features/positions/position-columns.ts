import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { PositionRow } from '../../../shared/rows';
import { formatLots, formatMoneyCell, formatPrice, formatServerTime } from '../../format';
import { bookColumnDef, moneyInUnits, NUMBER_CELL, signedMoneyClasses, TIME_CELL } from '../../grids/cell-styles';
import type { FilterValueOf } from '../../grids/column-filter';

type Formatter = (p: ValueFormatterParams<PositionRow>) => string;

const money: Formatter = (p) => formatMoneyCell(p.value);
const priceAtDigits: Formatter = (p) => (p.data ? formatPrice(p.value, p.data.digits) : '');

const NUMBER_FILTER = 'agNumberColumnFilter';

/**
 * Column ids are the row fields: they are what the saved column state and the tests refer to.
 * The grid is windowed (windowed-grid.ts): the desk filters its rows, so each filter's kind is
 * named here rather than inferred by ag-grid from rows it may not hold yet.
 */
export const positionColumns: ColDef<PositionRow>[] = [
  { field: 'server', headerName: 'Server', width: 100 },
  {
    field: 'ticket',
    headerName: 'Ticket',
    width: 100,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    filter: NUMBER_FILTER,
  },
  {
    field: 'login',
    headerName: 'Login',
    width: 95,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    filter: NUMBER_FILTER,
  },
  { field: 'clientName', headerName: 'Client', width: 150 },
  { field: 'group', headerName: 'Group', width: 140 },
  bookColumnDef,
  { field: 'symbol', headerName: 'Symbol', width: 95 },
  {
    field: 'side',
    headerName: 'Side',
    width: 70,
    cellClassRules: { 'cell-buy': (p) => p.value === 'buy', 'cell-sell': (p) => p.value === 'sell' },
  },
  {
    field: 'lots',
    headerName: 'Lots',
    width: 80,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    valueFormatter: (p) => formatLots(p.value),
    filter: NUMBER_FILTER,
    enableCellChangeFlash: true,
  },
  {
    field: 'priceOpen',
    headerName: 'Open price',
    width: 105,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    valueFormatter: priceAtDigits,
    filter: NUMBER_FILTER,
  },
  {
    field: 'priceCurrent',
    headerName: 'Price',
    width: 105,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    valueFormatter: priceAtDigits,
    enableCellChangeFlash: true,
    filter: NUMBER_FILTER,
  },
  {
    field: 'profit',
    headerName: 'Profit',
    width: 115,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    cellClassRules: signedMoneyClasses,
    valueFormatter: money,
    enableCellChangeFlash: true,
    filter: NUMBER_FILTER,
  },
  { field: 'currency', headerName: 'Ccy', width: 65 },
  {
    field: 'swap',
    headerName: 'Swap',
    width: 90,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    cellClassRules: signedMoneyClasses,
    valueFormatter: money,
    filter: NUMBER_FILTER,
  },
  {
    field: 'commission',
    headerName: 'Commission',
    width: 105,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    valueFormatter: money,
    filter: NUMBER_FILTER,
  },
  {
    field: 'openTimeMsc',
    headerName: 'Open time',
    width: 155,
    cellClass: TIME_CELL,
    valueFormatter: (p) => formatServerTime(p.value),
    filter: false,
  },
];

const MONEY_FIELDS: ReadonlySet<string> = new Set(['profit', 'swap', 'commission']);

/** What each column's filter compares: the row's field, with money in units (cell-styles.ts). */
export const positionFilterValue: FilterValueOf<PositionRow> = (colId, row) => {
  const value = (row as Record<string, unknown>)[colId];
  return MONEY_FIELDS.has(colId) ? moneyInUnits(value) : value;
};

/** What the toolbar's quick search looks in: who and what, not the figures that move every frame. */
export const positionSearchFields = [
  'server',
  'ticket',
  'login',
  'clientName',
  'group',
  'book',
  'symbol',
  'side',
  'currency',
] as const satisfies readonly (keyof PositionRow)[];
