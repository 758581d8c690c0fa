/**
 * Exposure columns per tab (DOMAIN.md "Exposure"). Lots as numbers of lots, money in desk cents
 * formatted with formatMoney; the desk currency goes in the headers so every cell stays a bare
 * figure a test can compare with the core. Column ids are the row fields. No change flash: every
 * row moves twice a second, so a flash would leave whole columns lit instead of pointing at a change.
 */
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { ExposureFigures } from '../../../shared/exposure';
import { formatLots, formatMoneyCell } from '../../format';
import { NUMBER_CELL } from '../../grids/cell-styles';
import {
  type AssetGridRow,
  compareNullableNumbers,
  type GroupGridRow,
  type SliceGridRow,
  type SymbolGridRow,
} from './exposure-rows';

type FigureRow = ExposureFigures & { id: string };

const longShort = {
  'cell-long': (p: { value: unknown }) => typeof p.value === 'number' && p.value > 0,
  'cell-short': (p: { value: unknown }) => typeof p.value === 'number' && p.value < 0,
};

const nullsLast = (a: number | null, b: number | null, _na: unknown, _nb: unknown, descending: boolean) =>
  compareNullableNumbers(a, b, descending);

function lotsColumn<T>(field: string, headerName: string, extra: Partial<ColDef<T>> = {}): ColDef<T> {
  return {
    field: field as ColDef<T>['field'],
    headerName,
    width: 100,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    valueFormatter: (p: ValueFormatterParams<T>) => formatLots(p.value),
    filter: 'agNumberColumnFilter',
    ...extra,
  };
}

function moneyColumn<T>(field: string, headerName: string, extra: Partial<ColDef<T>> = {}): ColDef<T> {
  return {
    field: field as ColDef<T>['field'],
    headerName,
    width: 140,
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    valueFormatter: (p: ValueFormatterParams<T>) => formatMoneyCell(p.value),
    comparator: nullsLast,
    filter: 'agNumberColumnFilter',
    ...extra,
  };
}

/** The figures every tab but Asset shares, after its own key columns. */
function figureColumns<T extends FigureRow>(ccy: string): ColDef<T>[] {
  return [
    lotsColumn<T>('clientBuyLots', 'Client buy'),
    lotsColumn<T>('clientSellLots', 'Client sell'),
    lotsColumn<T>('clientNetLots', 'Client net'),
    lotsColumn<T>('coverageNetLots', 'Coverage net'),
    lotsColumn<T>('brokerNetLots', 'Broker net', { cellClassRules: longShort }),
    lotsColumn<T>('brokerPendingLots', 'Pending', {
      headerTooltip: "The broker's net if every pending order triggered; beside the net, not in it",
    }),
    lotsColumn<T>('lockedLots', 'Locked', { headerTooltip: 'Offsetting volume inside hedging accounts' }),
    {
      field: 'positions' as ColDef<T>['field'],
      headerName: 'Positions',
      width: 90,
      type: 'rightAligned',
      cellClass: NUMBER_CELL,
      filter: 'agNumberColumnFilter',
    },
    moneyColumn<T>('clientNetNotional', `Client notional ${ccy}`),
    moneyColumn<T>('brokerNetNotional', `Broker notional ${ccy}`, { cellClassRules: longShort }),
    moneyColumn<T>('absNotional', `|Notional| ${ccy}`),
    moneyColumn<T>('clientFloating', `Clients' floating ${ccy}`, {
      cellClassRules: { 'cell-gain': (p) => (p.value ?? 0) > 0, 'cell-loss': (p) => (p.value ?? 0) < 0 },
    }),
  ];
}

const keyColumn = <T>(field: string, headerName: string, width = 120): ColDef<T> => ({
  field: field as ColDef<T>['field'],
  headerName,
  width,
  pinned: 'left',
});

export function symbolColumns(ccy: string): ColDef<SymbolGridRow>[] {
  return [
    keyColumn('server', 'Server', 100),
    keyColumn('symbol', 'Symbol', 100),
    ...figureColumns<SymbolGridRow>(ccy).map((c) => (c.field === 'absNotional' ? { ...c, sort: 'desc' as const } : c)),
  ];
}

export function groupColumns(ccy: string): ColDef<GroupGridRow>[] {
  return [
    keyColumn('server', 'Server', 100),
    keyColumn('group', 'Group', 150),
    ...figureColumns<GroupGridRow>(ccy).map((c) => (c.field === 'absNotional' ? { ...c, sort: 'desc' as const } : c)),
    {
      field: 'marginUtilisation',
      headerName: 'Margin use',
      headerTooltip: 'Σ margin / Σ equity of the group’s accounts',
      width: 100,
      type: 'rightAligned',
      cellClass: NUMBER_CELL,
      valueFormatter: (p) => (typeof p.value === 'number' ? `${(p.value * 100).toFixed(1)}%` : '—'),
      comparator: nullsLast,
      cellClassRules: {
        'cell-warn': (p) => typeof p.value === 'number' && p.value >= 0.5 && p.value < 0.8,
        'cell-danger': (p) => typeof p.value === 'number' && p.value >= 0.8,
      },
      filter: 'agNumberColumnFilter',
    },
  ];
}

export function sliceColumns(title: string, ccy: string): ColDef<SliceGridRow>[] {
  return [
    keyColumn('slice', title, 110),
    ...figureColumns<SliceGridRow>(ccy).map((c) => (c.field === 'absNotional' ? { ...c, sort: 'desc' as const } : c)),
  ];
}

export function assetColumns(ccy: string): ColDef<AssetGridRow>[] {
  return [
    keyColumn('asset', 'Asset', 110),
    moneyColumn<AssetGridRow>('clientAmount', 'Client amount', {
      headerTooltip: 'In the asset itself (a currency, or a non-FX symbol)',
    }),
    moneyColumn<AssetGridRow>('brokerAmount', 'Broker amount', { cellClassRules: longShort }),
    moneyColumn<AssetGridRow>('clientValue', `Client value ${ccy}`),
    moneyColumn<AssetGridRow>('brokerValue', `Broker value ${ccy}`, {
      cellClassRules: longShort,
      sort: 'desc',
      comparator: (a: number, b: number) => Math.abs(a) - Math.abs(b),
      headerTooltip: 'Sorted by size, long or short',
    }),
  ];
}
