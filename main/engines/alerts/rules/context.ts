/** What every rule reads besides its observation. */
import type { AlertLevel } from '../../../../shared/alerts';

export interface RuleContext {
  /** The desk currency's code, for messages (money is already in desk cents). */
  deskCurrency: string;
  /** The level the key's alert holds now, for hysteresis (null: none). */
  levelOf(key: string): AlertLevel | null;
}
