import { describe, expect, it } from 'vitest';
import { alertSettingsSchema, DEFAULT_ALERT_SETTINGS, parseAlertSettings } from './alert-settings';
import { lotsToVolume } from './units';

describe('alert settings', () => {
  it('has a default for every rule, in desk units', () => {
    expect(DEFAULT_ALERT_SETTINGS.concentration.notional).toEqual({ warn: 500_000_000, critical: 1_000_000_000 });
    expect(DEFAULT_ALERT_SETTINGS.largeDeal.warn).toBe(lotsToVolume(50));
    expect(DEFAULT_ALERT_SETTINGS.volatility.windowMs).toBe(60_000);
    for (const rule of Object.values(DEFAULT_ALERT_SETTINGS)) expect(rule.enabled).toBe(true);
  });

  it('fills what an older document lacks and keeps what it has', () => {
    const parsed = alertSettingsSchema.parse({ margin: { enabled: false }, concentration: { share: { warn: 0.3 } } });
    expect(parsed.margin).toEqual({ ...DEFAULT_ALERT_SETTINGS.margin, enabled: false });
    expect(parsed.concentration.share).toEqual({ warn: 0.3, critical: 0.4 });
    expect(parsed.server).toEqual(DEFAULT_ALERT_SETTINGS.server);
  });

  it('refuses a critical threshold below its warn, saying where', () => {
    const result = parseAlertSettings({ groupExposure: { warn: 500, critical: 100 } });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('groupExposure.critical') });
    expect(parseAlertSettings({ staleFeed: { warnAfterMs: -1 } }).ok).toBe(false);
    expect(parseAlertSettings({}).ok).toBe(true);
  });
});
