/**
 * Stale feed: a traded symbol has had no tick for a while. Measured on the server's own clock
 * (its latest tick on any symbol minus this symbol's last tick), so a server whose clock runs
 * ahead of the desk is not stale, and a server that stopped altogether raises one server alert
 * instead of one per symbol. A tick clears the alert at once: a fresh price is the whole fix.
 */

import type { AlertSettings } from '../../../../shared/alert-settings';
import { type Band, bandLevel, thresholdOf } from '../band';
import { seconds, signedMoney } from '../format';
import { alertKey } from '../keys';
import type { Reading } from '../ledger';
import type { RuleContext } from './context';

export interface FeedSubject {
  server: string;
  symbol: string;
  /** Server time of the symbol's last tick (or of when it became traded, if it never ticked). */
  lastTickMsc: number;
  brokerNetNotional: number | null;
}

export function staleFeedReading(
  s: FeedSubject,
  serverNowMsc: number,
  settings: AlertSettings['staleFeed'],
  context: RuleContext,
): Reading | null {
  const key = alertKey.staleFeed(s.server, s.symbol);
  const current = context.levelOf(key);
  const age = Math.max(0, serverNowMsc - s.lastTickMsc);
  const band: Band = {
    warn: settings.warnAfterMs,
    critical: settings.criticalAfterMs,
    direction: 'above',
    hysteresis: 0,
  };
  const level = bandLevel(age, band, current);
  if (level === null && current === null) return null;
  const threshold = thresholdOf(band, level);
  const exposure =
    s.brokerNetNotional === null ? '' : `; broker net ${signedMoney(s.brokerNetNotional, context.deskCurrency)}`;
  return {
    key,
    rule: 'stale-feed',
    server: s.server,
    subject: s.symbol,
    level,
    value: age,
    threshold,
    unit: 'ms',
    message:
      level === null
        ? `${s.symbol} on ${s.server}: the feed is no longer a concern (a tick arrived, or no positions are left).`
        : `${s.symbol} on ${s.server}: no tick for ${seconds(age)} while clients hold positions${exposure}. Floating P&L and margin of this symbol are stale; check the feed.`,
    brokerNetNotional: s.brokerNetNotional,
  };
}
