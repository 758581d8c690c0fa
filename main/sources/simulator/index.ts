/** The embedded MT5-like trade server: what the rest of the desk may use. */

export type { AssetClass, Catalog, GroupInfo, SymbolInfo } from './catalog';
export { buildCatalog } from './catalog';
export type { BehaviourShares, SimulatorConfig, SimulatorOptions } from './config';
export { DEFAULT_BEHAVIOUR_SHARES, DEFAULT_SIMULATOR_CONFIG } from './config';
export type {
  BalanceOperation,
  BalanceOptions,
  BalanceReply,
  DealerOperation,
  OperationTap,
  UserChange,
  UserChangeOperation,
  UserReply,
} from './dealer-operations';
export type { GroundTruth } from './journal';
export type { Behaviour, ClientBehaviour } from './population';
export type {
  ManagerOperation,
  MarketShock,
  OperationHistory,
  RecordedOperation,
} from './recorded-operations';
export { ReplayMismatchError, recordedOperationSchema } from './recorded-operations';
export { Simulator } from './simulator';
export { SimulatorSource, type SimulatorSourceOptions, SimulatorSpeed } from './source';
