/** The exposure engine's public surface (issue 4): the engine, its options and lookups, its rows. */

// The rows are the contract's (shared/exposure.ts); the engine only builds them.
export type {
  AssetRow,
  ExposureFigures,
  ExposureSnapshot,
  GroupMargin,
  GroupRow,
  SliceRow,
  SymbolRow,
} from '../../../shared/exposure';
export type { ExposureRowRef, PositionRef } from './drilldown';
export { ExposureEngine } from './engine';
export type {
  AccountFigures,
  AccountFiguresLookup,
  BookLookup,
  BookSlice,
  ExposureOptions,
  RegionLookup,
  RoutingBook,
} from './keys';
export { COVERAGE_SLICE, NO_ACCOUNT_GROUP, UNKNOWN_REGION } from './keys';
export { recomputeExposure, type ServerCache } from './recompute';
