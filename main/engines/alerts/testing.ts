/** Builders the alert tests share: a desk with tight, readable thresholds. */

import { type AlertSettings, type AlertSettingsInput, alertSettingsSchema } from '../../../shared/alert-settings';
import type { Deal } from '../../../shared/domain';
import { DealAction } from '../../../shared/mt5';
import { lotsToVolume } from '../../../shared/units';
import { AlertsEngine, type AlertsEngineOptions } from './engine';

/** Whole currency units → desk cents. */
export const usd = (units: number): number => units * 100;

export function settingsWith(input: AlertSettingsInput = {}): AlertSettings {
  return alertSettingsSchema.parse(input);
}

export function engineWith(input: AlertSettingsInput = {}, options: AlertsEngineOptions = {}): AlertsEngine {
  return new AlertsEngine(settingsWith(input), options);
}

export function deal(overrides: Partial<Deal> = {}): Deal {
  return {
    ticket: 5001,
    login: 1001,
    timeMsc: 1_700_000_000_000,
    action: DealAction.BUY,
    entry: 0,
    symbol: 'EURUSD',
    volume: lotsToVolume(1),
    price: 1.1,
    pricePosition: 0,
    profit: 0,
    commission: 0,
    swap: 0,
    positionId: 5001,
    order: 5001,
    reason: 0,
    contractSize: 100_000,
    comment: '',
    ...overrides,
  };
}

/** A concentration observation of EURUSD on sim-1 with this broker net notional (whole USD). */
export const eurusd = (netUsd: number, shareOfTotal = 0.1, traded = true) => ({
  server: 'sim-1',
  symbol: 'EURUSD',
  brokerNetNotional: usd(netUsd),
  shareOfTotal,
  traded,
});

export const kinds = (engine: AlertsEngine): string[] => engine.drain().changes.map((c) => `${c.kind}:${c.alert.key}`);
