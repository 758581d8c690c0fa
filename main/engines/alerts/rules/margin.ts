/**
 * Margin call and stop-out proximity per account, against its own group's levels: warn below
 * the margin call level, critical at or near stop-out (within `criticalNearStopOut` of it, as a
 * fraction: with stop-out 50% and 0.2, critical from 60%), because by stop-out the server is
 * already closing the client's positions.
 *
 * MarginSOMode percent compares the margin level (equity / margin × 100); mode money compares
 * equity with levels in account currency, as the server does (book/valuation.ts).
 */

import type { AlertSettings } from '../../../../shared/alert-settings';
import { MarginSOMode } from '../../../../shared/mt5';
import { type Band, bandLevel, thresholdOf } from '../band';
import { percent } from '../format';
import { alertKey } from '../keys';
import type { Reading } from '../ledger';
import type { AccountObservation } from '../observations';
import type { RuleContext } from './context';

export function marginReading(o: AccountObservation, settings: AlertSettings['margin'], context: RuleContext): Reading {
  const key = alertKey.margin(o.server, o.login);
  const inMoney = o.marginSOMode === MarginSOMode.MONEY;
  // No margin in use: no level to fall, so anything raised before clears.
  const value = o.margin <= 0 ? Number.POSITIVE_INFINITY : inMoney ? o.equity / 100 : (o.equity / o.margin) * 100;
  const band: Band = {
    warn: o.marginCall,
    critical: o.marginStopOut * (1 + settings.criticalNearStopOut),
    direction: 'below',
    hysteresis: settings.hysteresis,
  };
  const level = bandLevel(value, band, context.levelOf(key));
  const threshold = thresholdOf(band, level);
  const shown = (v: number) => (inMoney ? `equity ${v.toFixed(2)}` : `margin level ${percent(v)}`);
  const levelText = (v: number) => (inMoney ? v.toFixed(2) : percent(v));
  const who = `Login ${o.login} (${o.group}) on ${o.server}`;
  let message: string;
  if (level === null) {
    message = `${who}: ${Number.isFinite(value) ? shown(value) : 'no margin in use'}, back above margin call.`;
  } else if (level === 'critical') {
    message = `${who}: ${shown(value)} is at or near stop-out ${levelText(o.marginStopOut)}; positions will be closed by the server. Contact the client or reduce the exposure.`;
  } else {
    message = `${who}: ${shown(value)} is below margin call ${levelText(o.marginCall)} (stop-out ${levelText(o.marginStopOut)}). Notify the client.`;
  }
  return {
    key,
    rule: 'margin',
    server: o.server,
    subject: String(o.login),
    level,
    // Infinity has no JSON form to persist: with no margin in use the record shows 0 (the message says why).
    value: Number.isFinite(value) ? value : 0,
    threshold,
    unit: inMoney ? 'currency' : 'percent',
    message,
    brokerNetNotional: null,
  };
}
