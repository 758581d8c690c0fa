/**
 * Symbol concentration: the broker holds too much of one symbol, in absolute notional or as a
 * share of its whole book. One key per symbol; the worse of the two measures sets the level and
 * is the one the alert reports.
 */

import type { AlertSettings } from '../../../../shared/alert-settings';
import { type Band, bandLevel, levelRank, thresholdOf } from '../band';
import { money, share, signedMoney } from '../format';
import { alertKey } from '../keys';
import type { Reading } from '../ledger';
import type { SymbolExposureObservation } from '../observations';
import type { RuleContext } from './context';

export function concentrationReading(
  o: SymbolExposureObservation,
  settings: AlertSettings['concentration'],
  context: RuleContext,
): Reading {
  const key = alertKey.concentration(o.server, o.symbol);
  const current = context.levelOf(key);
  const notionalBand: Band = { ...settings.notional, direction: 'above', hysteresis: settings.hysteresis };
  const shareBand: Band = { ...settings.share, direction: 'above', hysteresis: settings.hysteresis };
  const notional = Math.abs(o.brokerNetNotional);
  const byNotional = bandLevel(notional, notionalBand, current);
  const byShare = bandLevel(o.shareOfTotal, shareBand, current);
  const ccy = context.deskCurrency;
  const net = signedMoney(o.brokerNetNotional, ccy);
  const head = { key, rule: 'concentration' as const, server: o.server, subject: o.symbol };

  if (levelRank(byShare) > levelRank(byNotional)) {
    const threshold = thresholdOf(settings.share, byShare);
    return {
      ...head,
      level: byShare,
      value: o.shareOfTotal,
      threshold,
      unit: 'share',
      message: `${o.symbol} on ${o.server} is ${share(o.shareOfTotal)} of the broker's net exposure (limit ${share(threshold)}); broker net ${net}. Consider covering part of it.`,
      brokerNetNotional: o.brokerNetNotional,
    };
  }
  const threshold = thresholdOf(settings.notional, byNotional);
  return {
    ...head,
    level: byNotional,
    value: notional,
    threshold,
    unit: 'money',
    message:
      byNotional === null
        ? `${o.symbol} on ${o.server}: broker net ${net} is back within limits.`
        : `${o.symbol} on ${o.server}: broker net ${net} is beyond the ${money(threshold, ccy)} limit (${share(o.shareOfTotal)} of the book). Consider covering part of it.`,
    brokerNetNotional: o.brokerNetNotional,
  };
}
