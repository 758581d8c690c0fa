/** The durable event cache: the MT5 mirror and the desk's system of record (ARCHITECTURE.md §5). */

export type {
  ActionListQuery,
  ActionPatch,
  ActionsStore,
  NewAction,
  StoredAction,
  StoredUserChange,
} from './actions-store';
export { actionRowOf, actionsStoreOn, openActionsStore } from './actions-store';
export type { AlertHistoryEntry, AlertHistoryQuery, AlertsStore, StoredAlertSettings } from './alerts-store';
export { alertsStoreOn, openAlertsStore } from './alerts-store';
export type { AuditStore, AuditStoreOptions } from './audit-store';
export { auditTrailOn, openAuditTrail } from './audit-store';
export type { CacheErrorCode } from './errors';
export { CacheError } from './errors';
export type { MirrorCache, MirrorOptions } from './mirror';
export { openMirror } from './mirror';
export type { ApplyBatch, ApplyResult } from './mirror-apply';
export type {
  AccountFilter,
  DeadLetter,
  DealQuery,
  MirrorQueries,
  OnServer,
  OpenPosition,
  OrderFilter,
  PositionFilter,
} from './mirror-queries';
export type { OperatorChange, OperatorsStore, StoredOperator } from './operators-store';
export { openOperatorsStore, operatorKey, operatorsStoreOn } from './operators-store';
export type { RecordStore, RecordStoreOptions } from './record-store';
export { openRecordStore } from './record-store';
export type { SimulatorOperationsStore } from './simulator-operations-store';
export { CorruptSimulatorOperationError, openSimulatorOperationsStore } from './simulator-operations-store';
