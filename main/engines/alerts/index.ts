/** The alerts engine (ARCHITECTURE.md §6): rules, hysteresis, de-duplication, acknowledge and snooze. */

export {
  type AlertSettings,
  type AlertSettingsInput,
  alertSettingsSchema,
  DEFAULT_ALERT_SETTINGS,
  parseAlertSettings,
} from '../../../shared/alert-settings';
export {
  type Alert,
  type AlertActionResult,
  type AlertChange,
  type AlertChangeKind,
  type AlertDrain,
  type AlertLevel,
  type AlertRule,
  type AlertState,
  type AlertUnit,
  alertChangeSchema,
  alertSchema,
  isActive,
} from '../../../shared/alerts';
export { AlertsEngine, type AlertsEngineOptions } from './engine';
export { alertKey } from './keys';
export type {
  AccountObservation,
  DealObservation,
  GroupObservation,
  RegionObservation,
  ServerObservation,
  SymbolExposureObservation,
  TickObservation,
} from './observations';
