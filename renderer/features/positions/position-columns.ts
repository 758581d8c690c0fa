import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { PositionRow } from '../../../shared/rows';
import { formatLots, formatMoneyCell, formatPrice, formatServerTime } from '../../format';
import { bookColumnDef, NUMBER_CELL, signedMoneyClasses, TIME_CELL } from '../../grids/cell-styles';

type Formatter = (p: ValueFormatterParams<PositionRow>) => string;

const money: Formatter = (p) => formatMoneyCell(p.value);
const priceAtDigits: Formatter = (p) => (p.data ? formatPrice(p.value, p.data.digits) : '');

/** Column ids are the row fields: they are what the saved column state and the tests refer to. */
export const positionColumns: ColDef<PositionRow>[] = [
  { field: 'server', headerName: 'Server', width: 100 },
  { field: 'ticket', headerName: 'Ticket', width: 100, type: 'rightAligned', cellClass: NUMBER_CELL },
  { field: 'login', headerName: 'Login', width: 95, type: 'rightAligned', cellClass: NUMBER_CELL },
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
    filter: 'agNumberColumnFilter',
    enableCellChangeFlash: true,
  },
  {
    field: 'priceOpen',
    headerName: 'Open price',
    width: 105,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    valueFormatter: priceAtDigits,
  },
  {
    field: 'priceCurrent',
    headerName: 'Price',
    width: 105,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    valueFormatter: priceAtDigits,
    enableCellChangeFlash: true,
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
    filter: 'agNumberColumnFilter',
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
  },
  {
    field: 'commission',
    headerName: 'Commission',
    width: 105,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    valueFormatter: money,
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
