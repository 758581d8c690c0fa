/**
 * Rows for the exposure panel's tabs, read from the aggregates at the current quotes. Cost is
 * O(cells) (symbols × slices), never O(positions). Money is desk-currency cents, rounded once
 * per cell so a row's total is an exact integer sum whatever order the cells are visited in.
 */
import type { ServerId } from '../../../shared/domain';
import type {
  AssetRow,
  ExposureFigures,
  ExposureSnapshot,
  GroupMargin,
  GroupRow,
  SliceRow,
  SymbolRow,
} from '../../../shared/exposure';
import { type Money, volumeToLots } from '../../../shared/units';
import { type Cell, isEmptyCell, type MarginCell, netVolume } from './aggregates';
import { groupKey } from './keys';
import type { ExposureState } from './state';
import { type AssetLeg, valueCell } from './valuation';

interface Tally {
  clientBuy: number;
  clientSell: number;
  clientNet: number;
  coverageNet: number;
  clientPending: number;
  coveragePending: number;
  locked: number;
  positions: number;
  clientNotional: Money;
  brokerNotional: Money;
  absNotional: Money;
  clientFloating: Money;
  coverageFloating: Money;
  priced: number;
  unpriced: number;
}

const emptyTally = (): Tally => ({
  clientBuy: 0,
  clientSell: 0,
  clientNet: 0,
  coverageNet: 0,
  clientPending: 0,
  coveragePending: 0,
  locked: 0,
  positions: 0,
  clientNotional: 0,
  brokerNotional: 0,
  absNotional: 0,
  clientFloating: 0,
  coverageFloating: 0,
  priced: 0,
  unpriced: 0,
});

export function buildSnapshot(state: ExposureState): ExposureSnapshot {
  const desk = state.deskCurrency;
  const symbols: SymbolRow[] = [];
  const assets = new Map<string, AssetRow>();
  for (const cell of state.symbolCells.values()) {
    if (isEmptyCell(cell)) continue;
    const value = valueCell(cell, state.serverBook(cell.server), desk);
    const tally = emptyTally();
    tallyCell(tally, cell, value);
    symbols.push({
      server: cell.server,
      symbol: cell.symbol,
      ...figuresOf(tally),
      clientNetUnits: value?.clientNetUnits ?? null,
      coverageNetUnits: value?.coverageNetUnits ?? null,
      brokerNetUnits: value?.brokerNetUnits ?? null,
    });
    for (const leg of value?.legs ?? []) addLeg(assets, leg);
  }

  const groupTallies = tallySlices(state, state.groupCells, (cell) => groupKey(cell.server, cell.slice));
  const groups: GroupRow[] = [];
  const marginKeys = [...state.marginCells.entries()].filter(([, m]) => m.accounts > 0).map(([key]) => key);
  for (const key of new Set([...groupTallies.keys(), ...marginKeys])) {
    const slice = groupTallies.get(key);
    const tally = slice?.tally ?? emptyTally();
    const margin = state.marginCells.get(key);
    // Every key came from a cell or a margin cell, so one of the two names the group.
    const server = slice?.server ?? margin?.server ?? '';
    const group = slice?.slice ?? margin?.group ?? key;
    groups.push({ server, group, ...figuresOf(tally), margin: groupMargin(state, server, group, margin) });
  }

  const sliceRows = (cells: Map<string, Cell>): SliceRow[] =>
    [...tallySlices(state, cells, (cell) => cell.slice).values()].map(({ slice, tally }) => ({
      slice,
      ...figuresOf(tally),
    }));

  return {
    deskCurrency: desk,
    symbols: byBrokerNotional(symbols, (r) => `${r.server} ${r.symbol}`),
    assets: [...assets.values()].sort(
      (a, b) => Math.abs(b.brokerValue) - Math.abs(a.brokerValue) || compare(a.asset, b.asset),
    ),
    groups: byBrokerNotional(groups, (r) => `${r.server} ${r.group}`),
    regions: byBrokerNotional(sliceRows(state.regionCells), (r) => r.slice),
    books: byBrokerNotional(sliceRows(state.bookCells), (r) => r.slice),
  };
}

interface SliceTally {
  server: ServerId;
  slice: string;
  tally: Tally;
}

function tallySlices(state: ExposureState, cells: Map<string, Cell>, keyOf: (cell: Cell) => string) {
  const tallies = new Map<string, SliceTally>();
  for (const cell of cells.values()) {
    if (isEmptyCell(cell)) continue;
    const key = keyOf(cell);
    let entry = tallies.get(key);
    if (!entry) {
      entry = { server: cell.server, slice: cell.slice, tally: emptyTally() };
      tallies.set(key, entry);
    }
    tallyCell(entry.tally, cell, valueCell(cell, state.serverBook(cell.server), state.deskCurrency));
  }
  return tallies;
}

function tallyCell(tally: Tally, cell: Cell, value: ReturnType<typeof valueCell>): void {
  tally.clientBuy += cell.client.buyVolume;
  tally.clientSell += cell.client.sellVolume;
  tally.clientNet += netVolume(cell.client);
  tally.coverageNet += netVolume(cell.coverage);
  tally.clientPending += cell.client.pendingVolume;
  tally.coveragePending += cell.coverage.pendingVolume;
  tally.locked += cell.client.lockedVolume;
  tally.positions += cell.client.positions + cell.coverage.positions;
  if (!value) {
    tally.unpriced++;
    return;
  }
  tally.priced++;
  tally.clientNotional += value.clientNetNotional;
  tally.brokerNotional += value.brokerNetNotional;
  tally.absNotional += Math.abs(value.brokerNetNotional);
  tally.clientFloating += value.clientFloating;
  tally.coverageFloating += value.coverageFloating;
}

function figuresOf(t: Tally): ExposureFigures {
  const money = (amount: Money): Money | null => (t.priced > 0 ? amount : null);
  return {
    clientBuyLots: volumeToLots(t.clientBuy),
    clientSellLots: volumeToLots(t.clientSell),
    clientNetLots: volumeToLots(t.clientNet),
    coverageNetLots: volumeToLots(t.coverageNet),
    brokerNetLots: volumeToLots(t.coverageNet - t.clientNet),
    clientPendingLots: volumeToLots(t.clientPending),
    brokerPendingLots: volumeToLots(t.coveragePending - t.clientPending),
    lockedLots: volumeToLots(t.locked),
    positions: t.positions,
    clientNetNotional: money(t.clientNotional),
    brokerNetNotional: money(t.brokerNotional),
    absNotional: money(t.absNotional),
    clientFloating: money(t.clientFloating),
    coverageFloating: money(t.coverageFloating),
    unpriced: t.unpriced,
  };
}

function addLeg(assets: Map<string, AssetRow>, leg: AssetLeg): void {
  let row = assets.get(leg.asset);
  if (!row) {
    row = { asset: leg.asset, clientAmount: 0, brokerAmount: 0, clientValue: 0, brokerValue: 0 };
    assets.set(leg.asset, row);
  }
  row.clientAmount += leg.clientAmount;
  row.brokerAmount += leg.brokerAmount;
  row.clientValue += leg.clientValue;
  row.brokerValue += leg.brokerValue;
}

function groupMargin(state: ExposureState, server: ServerId, group: string, m: MarginCell | undefined): GroupMargin {
  const equity = m?.equity ?? 0;
  return {
    currency: state.servers.get(server)?.groups.get(group)?.currency,
    accounts: m?.accounts ?? 0,
    margin: m?.margin ?? 0,
    equity,
    marginUtilisation: m && equity > 0 ? m.margin / equity : null,
    effectiveLeverage: m && equity > 0 ? m.leveragedMargin / equity : null,
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function byBrokerNotional<R extends ExposureFigures>(rows: R[], keyOf: (row: R) => string): R[] {
  return rows.sort(
    (a, b) => Math.abs(b.brokerNetNotional ?? 0) - Math.abs(a.brokerNetNotional ?? 0) || compare(keyOf(a), keyOf(b)),
  );
}
