/**
 * The exposure engine's aggregates, shared by the incremental engine and the full recompute so
 * both are read by the same snapshot code: one cell per symbol and server, and one per slice
 * (group, region, book) and symbol, plus margin sums per group. Their number grows with symbols
 * × slices, never with positions.
 */
import type { ServerId } from '../../../shared/domain';
import { ServerBook } from '../book/state';
import { type Cell, type MarginCell, newCell, newMarginCell, type SideSums } from './aggregates';
import { type AccountSlice, groupKey, sliceCellKey, symbolCellKey } from './keys';

/** A server's symbol cell also knows the tickets behind it, for drill-down. */
export interface SymbolCell extends Cell {
  readonly tickets: Set<number>;
}

/** The four cells one account's positions in one symbol are counted in. */
export interface SliceCells {
  readonly symbol: SymbolCell;
  readonly all: readonly Cell[];
}

export const sideOf = (cell: Cell, coverage: boolean): SideSums => (coverage ? cell.coverage : cell.client);

export class ExposureState {
  /** Symbols, groups and quotes per server; the book's records, so conversions agree with it. */
  readonly servers = new Map<ServerId, ServerBook>();
  readonly symbolCells = new Map<string, SymbolCell>();
  readonly groupCells = new Map<string, Cell>();
  readonly regionCells = new Map<string, Cell>();
  readonly bookCells = new Map<string, Cell>();
  readonly marginCells = new Map<string, MarginCell>();

  constructor(readonly deskCurrency: string) {}

  serverBook(server: ServerId): ServerBook {
    let book = this.servers.get(server);
    if (!book) {
      book = new ServerBook(server);
      this.servers.set(server, book);
    }
    return book;
  }

  symbolCell(server: ServerId, symbol: string): SymbolCell {
    const key = symbolCellKey(server, symbol);
    let cell = this.symbolCells.get(key);
    if (!cell) {
      cell = { ...newCell(server, symbol, symbol), tickets: new Set() };
      this.symbolCells.set(key, cell);
    }
    return cell;
  }

  cellsOf(server: ServerId, symbol: string, slice: AccountSlice): SliceCells {
    const symbolCell = this.symbolCell(server, symbol);
    return {
      symbol: symbolCell,
      all: [
        symbolCell,
        cellIn(this.groupCells, server, symbol, slice.group),
        cellIn(this.regionCells, server, symbol, slice.region),
        cellIn(this.bookCells, server, symbol, slice.book),
      ],
    };
  }

  marginCell(server: ServerId, group: string): MarginCell {
    const key = groupKey(server, group);
    let cell = this.marginCells.get(key);
    if (!cell) {
      cell = newMarginCell(server, group);
      this.marginCells.set(key, cell);
    }
    return cell;
  }
}

function cellIn(cells: Map<string, Cell>, server: ServerId, symbol: string, slice: string): Cell {
  const key = sliceCellKey(slice, server, symbol);
  let cell = cells.get(key);
  if (!cell) {
    cell = newCell(server, symbol, slice);
    cells.set(key, cell);
  }
  return cell;
}
