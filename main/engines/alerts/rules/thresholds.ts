/**
 * Group and regional thresholds: the clients of a group (on one server) or of a region (across
 * servers) hold too much net notional, or are winning too much on their open positions (the
 * broker's B-book loss). Clients' floating losses raise nothing here: the margin rule watches
 * the accounts that cannot carry them.
 */

import type { AlertSettings } from '../../../../shared/alert-settings';
import type { AlertRule } from '../../../../shared/alerts';
import { type Band, bandLevel, thresholdOf } from '../band';
import { money, signedMoney } from '../format';
import { alertKey } from '../keys';
import type { Reading } from '../ledger';
import type { GroupObservation, RegionObservation } from '../observations';
import type { RuleContext } from './context';

type ThresholdSettings = AlertSettings['groupExposure'];

interface Subject {
  key: string;
  rule: AlertRule;
  server: string | null;
  subject: string;
  /** "Group real\A on sim-1", "Region EU". */
  label: string;
}

function exposureReading(
  subject: Subject,
  netNotional: number,
  settings: ThresholdSettings,
  context: RuleContext,
): Reading {
  const band: Band = { ...settings, direction: 'above' };
  const value = Math.abs(netNotional);
  const level = bandLevel(value, band, context.levelOf(subject.key));
  const threshold = thresholdOf(settings, level);
  const ccy = context.deskCurrency;
  return {
    ...subject,
    level,
    value,
    threshold,
    unit: 'money',
    message:
      level === null
        ? `${subject.label}: net notional ${signedMoney(netNotional, ccy)} is back within limits.`
        : `${subject.label}: net notional ${signedMoney(netNotional, ccy)} is beyond the ${money(threshold, ccy)} limit. Review the flow of these clients or cover it.`,
    brokerNetNotional: null,
  };
}

function floatingReading(
  subject: Subject,
  clientsFloating: number,
  settings: ThresholdSettings,
  context: RuleContext,
): Reading {
  const band: Band = { ...settings, direction: 'above' };
  const level = bandLevel(clientsFloating, band, context.levelOf(subject.key));
  const threshold = thresholdOf(settings, level);
  const ccy = context.deskCurrency;
  return {
    ...subject,
    level,
    value: clientsFloating,
    threshold,
    unit: 'money',
    message:
      level === null
        ? `${subject.label}: clients' floating profit ${signedMoney(clientsFloating, ccy)} is back within limits.`
        : `${subject.label}: clients are up ${money(clientsFloating, ccy)} on open positions (limit ${money(threshold, ccy)}), a loss to the B-book. Consider covering or moving them to the A-book.`,
    brokerNetNotional: null,
  };
}

export function groupReadings(o: GroupObservation, settings: AlertSettings, context: RuleContext): Reading[] {
  const label = `Group ${o.group} on ${o.server}`;
  const readings: Reading[] = [];
  if (settings.groupExposure.enabled) {
    const key = alertKey.groupExposure(o.server, o.group);
    const subject = { key, rule: 'group-exposure' as const, server: o.server, subject: o.group, label };
    readings.push(exposureReading(subject, o.netNotional, settings.groupExposure, context));
  }
  if (settings.groupFloating.enabled) {
    const key = alertKey.groupFloating(o.server, o.group);
    const subject = { key, rule: 'group-floating' as const, server: o.server, subject: o.group, label };
    readings.push(floatingReading(subject, o.clientsFloating, settings.groupFloating, context));
  }
  return readings;
}

export function regionReadings(o: RegionObservation, settings: AlertSettings, context: RuleContext): Reading[] {
  const label = `Region ${o.region}`;
  const readings: Reading[] = [];
  if (settings.regionExposure.enabled) {
    const key = alertKey.regionExposure(o.region);
    const subject = { key, rule: 'region-exposure' as const, server: null, subject: o.region, label };
    readings.push(exposureReading(subject, o.netNotional, settings.regionExposure, context));
  }
  if (settings.regionFloating.enabled) {
    const key = alertKey.regionFloating(o.region);
    const subject = { key, rule: 'region-floating' as const, server: null, subject: o.region, label };
    readings.push(floatingReading(subject, o.clientsFloating, settings.regionFloating, context));
  }
  return readings;
}
