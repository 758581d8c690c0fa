/** The embedded MT5-like trade server: what the rest of the desk may use. */

export type { AssetClass, Catalog, GroupInfo, SymbolInfo } from './catalog';
export { buildCatalog } from './catalog';
export type { SimulatorConfig } from './config';
export { DEFAULT_SIMULATOR_CONFIG } from './config';
export type {
  BalanceOptions,
  BalanceReply,
  DealerOperation,
  OperationTap,
  UserChange,
  UserReply,
} from './dealer-operations';
export type { GroundTruth } from './journal';
export type { Behaviour } from './population';
export { Simulator } from './simulator';
export { SimulatorSource, type SimulatorSourceOptions, SimulatorSpeed } from './source';
