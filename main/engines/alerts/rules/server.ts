/**
 * Server health: disconnected is critical (the desk is blind and cannot act); lagging, or not
 * live within the grace after (re)connecting, is warn; a source-reported lag beyond the
 * critical limit is critical. While a source reconnects (connecting, syncing) within the grace,
 * the alert keeps the level it has: neither cleared nor raised, since that is the normal way back.
 */

import type { AlertSettings } from '../../../../shared/alert-settings';
import type { AlertLevel } from '../../../../shared/alerts';
import { type Band, bandLevel, higherLevel, thresholdOf } from '../band';
import { seconds } from '../format';
import { alertKey } from '../keys';
import type { Reading } from '../ledger';
import type { ServerObservation } from '../observations';
import type { RuleContext } from './context';

/** What the engine remembers of a server between observations. */
export interface ServerWatch {
  observation: ServerObservation;
  /** Desk time the server last stopped being live (or was first seen not live). */
  notLiveSinceMsc: number | null;
}

export function serverReading(
  watch: ServerWatch,
  nowMsc: number,
  settings: AlertSettings['server'],
  context: RuleContext,
): Reading | null {
  const o = watch.observation;
  const key = alertKey.server(o.server);
  const current = context.levelOf(key);
  const lagBand: Band = {
    warn: settings.lagWarnMs,
    critical: settings.lagCriticalMs,
    direction: 'above',
    hysteresis: settings.hysteresis,
  };
  const notLiveMs = watch.notLiveSinceMsc === null ? 0 : Math.max(0, nowMsc - watch.notLiveSinceMsc);
  const reason = o.message ? ` (${o.message})` : '';
  let level: AlertLevel | null;
  let value = o.lagMs;
  let threshold: number;
  let message: string;
  switch (o.state) {
    case 'down':
      level = 'critical';
      value = notLiveMs;
      threshold = 0;
      message = `Server ${o.server} is disconnected${reason}, for ${seconds(notLiveMs)}: positions, prices and actions on it are not live. Check the connection.`;
      break;
    case 'connecting':
    case 'syncing':
      if (notLiveMs < settings.connectGraceMs && current === null) return null;
      level = notLiveMs < settings.connectGraceMs ? current : higherLevel(current, 'warn');
      value = notLiveMs;
      threshold = settings.connectGraceMs;
      message = `Server ${o.server} is ${o.state}${reason}, not live for ${seconds(notLiveMs)}. Its data may be incomplete.`;
      break;
    case 'lagging':
    case 'live': {
      const byLag = bandLevel(o.lagMs, lagBand, current);
      level = o.state === 'lagging' ? higherLevel(byLag, 'warn') : byLag;
      if (level === null && current === null) return null;
      threshold = thresholdOf(lagBand, level);
      message =
        level === null
          ? `Server ${o.server} is live again.`
          : `Server ${o.server} is lagging${reason}${o.lagMs > 0 ? `, ${seconds(o.lagMs)} behind` : ''}. Prices and positions may be late.`;
      break;
    }
  }
  return {
    key,
    rule: 'server',
    server: o.server,
    subject: o.server,
    level,
    value,
    threshold,
    unit: 'ms',
    message,
    brokerNetNotional: null,
  };
}
