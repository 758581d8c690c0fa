/**
 * Volatility spike: a symbol moved over the window (e.g. 60 s) by more than k × its recent
 * typical move over such a window. Raised with the broker's net notional in that symbol, which
 * is what makes a spike a dealer's problem.
 */

import type { AlertSettings } from '../../../../shared/alert-settings';
import { type Band, bandLevel, thresholdOf } from '../band';
import { multiple, seconds, signedMoney } from '../format';
import { alertKey } from '../keys';
import type { Reading } from '../ledger';
import type { RuleContext } from './context';
import { MidHistory, TypicalMove } from './price-history';

type VolatilitySettings = AlertSettings['volatility'];

/** One symbol's price memory on one server. */
export class SymbolPrices {
  readonly history = new MidHistory();
  readonly typical = new TypicalMove();

  record(timeMsc: number, mid: number, settings: VolatilitySettings): void {
    this.history.record(timeMsc, mid);
    this.typical.record(timeMsc, mid, settings.windowMs, settings.typicalWindows);
  }
}

export interface VolatilitySubject {
  server: string;
  symbol: string;
  prices: SymbolPrices;
  /** The latest broker net notional in the symbol, desk cents; null before the exposure engine reported it. */
  brokerNetNotional: number | null;
}

/** The reading at server time `serverMsc` (a tick's time, or the server's latest tick time). */
export function volatilityReading(
  s: VolatilitySubject,
  serverMsc: number,
  settings: VolatilitySettings,
  context: RuleContext,
): Reading | null {
  const key = alertKey.volatility(s.server, s.symbol);
  const current = context.levelOf(key);
  const typical = s.prices.typical.typical(settings.minTypicalWindows);
  const latest = s.prices.history.latest;
  // Without a baseline there is nothing to compare with; an alert already raised keeps its level.
  if (typical === null || latest === undefined) return null;
  const move = s.prices.history.moveOver(serverMsc, settings.windowMs);
  const counts = move >= settings.minMoveFraction * latest;
  const value = counts ? move / typical : 0;
  const band: Band = {
    warn: settings.warnMultiple,
    critical: settings.criticalMultiple,
    direction: 'above',
    hysteresis: settings.hysteresis,
  };
  const level = bandLevel(value, band, current);
  if (level === null && current === null) return null;
  const threshold = thresholdOf(band, level);
  const window = seconds(settings.windowMs);
  const exposure =
    s.brokerNetNotional === null
      ? 'broker exposure not known yet'
      : `broker net ${signedMoney(s.brokerNetNotional, context.deskCurrency)}`;
  const moved = `${s.symbol} on ${s.server} moved ${round(move)} (${((move / latest) * 100).toFixed(2)}%) in ${window}, ${multiple(value)} its typical ${round(typical)}`;
  return {
    key,
    rule: 'volatility',
    server: s.server,
    subject: s.symbol,
    level,
    value,
    threshold,
    unit: 'multiple',
    message:
      level === null
        ? `${moved}: back to normal; ${exposure}.`
        : `${moved} (limit ${multiple(threshold)}); ${exposure}. Check the quotes and the book's exposure.`,
    brokerNetNotional: s.brokerNetNotional,
  };
}

/** Prices keep their own digits; six significant digits read well for FX, metals and indices alike. */
const round = (value: number): string => String(Number(value.toPrecision(6)));
