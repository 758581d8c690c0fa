/**
 * One-shot rules: a large deposit or withdrawal, and a single large deal. Each deal raises its
 * own alert (the ticket is in the key); it stays until a person acknowledges or resolves it.
 */

import type { AlertSettings } from '../../../../shared/alert-settings';
import type { Deal } from '../../../../shared/domain';
import { DealAction } from '../../../../shared/mt5';
import { type Band, bandLevel, thresholdOf } from '../band';
import { lots, money } from '../format';
import { alertKey } from '../keys';
import type { Reading } from '../ledger';
import type { DealObservation } from '../observations';
import type { RuleContext } from './context';

const isTrade = (deal: Deal): boolean => deal.action === DealAction.BUY || deal.action === DealAction.SELL;

/**
 * Deposits and withdrawals are MT5 balance deals (DealAction.BALANCE); credit, bonus and
 * corrections are the desk's own operations, audited where they are made.
 */
export function largeMoneyReading(
  o: DealObservation,
  settings: AlertSettings['largeMoney'],
  context: RuleContext,
): Reading | null {
  const deal = o.deal;
  if (o.coverage || deal.action !== DealAction.BALANCE) return null;
  // Without a rate the account amount is judged as if in desk currency: better a loud alert than none.
  const inDesk = o.deskAmount !== null;
  const amount = o.deskAmount ?? deal.profit;
  const band: Band = { ...settings, direction: 'above', hysteresis: 0 };
  const level = bandLevel(Math.abs(amount), band, null);
  if (level === null) return null;
  const threshold = thresholdOf(settings, level);
  const what = deal.profit >= 0 ? 'Deposit' : 'Withdrawal';
  const inAccount = money(Math.abs(deal.profit), o.currency);
  const converted =
    inDesk && o.currency !== context.deskCurrency ? ` (${money(Math.abs(amount), context.deskCurrency)})` : '';
  return {
    key: alertKey.largeMoney(o.server, deal.ticket),
    rule: 'large-money',
    server: o.server,
    subject: String(deal.ticket),
    level,
    value: Math.abs(amount),
    threshold,
    unit: 'money',
    message: `${what} of ${inAccount}${converted} on login ${deal.login} (${o.server}), deal #${deal.ticket}: above the ${money(threshold, context.deskCurrency)} limit. Check the source of funds and the client's open risk.`,
    brokerNetNotional: null,
  };
}

export function largeDealReading(o: DealObservation, settings: AlertSettings['largeDeal']): Reading | null {
  const deal = o.deal;
  if (o.coverage || !isTrade(deal)) return null;
  const band: Band = { ...settings, direction: 'above', hysteresis: 0 };
  const level = bandLevel(deal.volume, band, null);
  if (level === null) return null;
  const threshold = thresholdOf(settings, level);
  const side = deal.action === DealAction.BUY ? 'buy' : 'sell';
  return {
    key: alertKey.largeDeal(o.server, deal.ticket),
    rule: 'large-deal',
    server: o.server,
    subject: String(deal.ticket),
    level,
    value: deal.volume,
    threshold,
    unit: 'volume',
    message: `Deal #${deal.ticket} on login ${deal.login} (${o.server}): ${side} ${lots(deal.volume)} ${deal.symbol} at ${deal.price}, above the ${lots(threshold)} limit. Check the client and the cover.`,
    brokerNetNotional: null,
  };
}
