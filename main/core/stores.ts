/**
 * The desk's databases in one data folder: mirror.db (the MT5 mirror, rebuildable) and desk.db
 * (the system of record: clients, settings, alerts, operators, actions and the audit trail).
 */
import path from 'node:path';
import {
  type ActionsStore,
  type AlertsStore,
  type AuditStore,
  type MirrorCache,
  type OperatorsStore,
  openActionsStore,
  openAlertsStore,
  openAuditTrail,
  openMirror,
  openOperatorsStore,
  openRecordStore,
  openSimulatorOperationsStore,
  type RecordStore,
  type SimulatorOperationsStore,
} from '../cache';

export interface DeskStores {
  mirror: MirrorCache;
  record: RecordStore;
  alertsStore: AlertsStore;
  operators: OperatorsStore;
  audit: AuditStore;
  actions: ActionsStore;
  /** What the embedded simulator applied from outside its seed (dealer operations, shocks). */
  simulatorOperations: SimulatorOperationsStore;
}

export function openDeskStores(dataDir: string): DeskStores {
  const deskDb = path.join(dataDir, 'desk.db');
  return {
    mirror: openMirror(path.join(dataDir, 'mirror.db')),
    // The record store migrates desk.db first; the others open it after.
    record: openRecordStore(deskDb),
    alertsStore: openAlertsStore(deskDb),
    operators: openOperatorsStore(deskDb),
    audit: openAuditTrail(deskDb),
    actions: openActionsStore(deskDb),
    simulatorOperations: openSimulatorOperationsStore(deskDb),
  };
}
