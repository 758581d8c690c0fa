import { describe, expect, it } from 'vitest';
import { alertSettingsSchema, DEFAULT_ALERT_SETTINGS } from '../../../shared/alert-settings';
import { applyConcentrationForm, concentrationForm, parseAmount } from './concentration-form';

describe('concentration thresholds form', () => {
  it('shows the stored cents and fractions as currency units and percent', () => {
    expect(concentrationForm(DEFAULT_ALERT_SETTINGS)).toEqual({
      enabled: true,
      notionalWarn: '5000000',
      notionalCritical: '10000000',
      shareWarn: '25',
      shareCritical: '40',
      hysteresis: '10',
    });
  });

  it('turns the form back into the whole settings document in cents, leaving other rules alone', () => {
    const form = { ...concentrationForm(DEFAULT_ALERT_SETTINGS), notionalWarn: '1,000.55', shareWarn: '12.5' };
    const parsed = applyConcentrationForm(DEFAULT_ALERT_SETTINGS, form);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.settings.concentration.notional).toEqual({ warn: 100_055, critical: 1_000_000_000 });
    expect(parsed.settings.concentration.share.warn).toBeCloseTo(0.125, 10);
    expect(parsed.settings.margin).toEqual(DEFAULT_ALERT_SETTINGS.margin);
    expect(alertSettingsSchema.safeParse(parsed.settings).success).toBe(true);
  });

  it('names the fields that are not numbers, and leaves range checks to the core', () => {
    const form = { ...concentrationForm(DEFAULT_ALERT_SETTINGS), notionalWarn: 'lots', shareCritical: '' };
    expect(applyConcentrationForm(DEFAULT_ALERT_SETTINGS, form)).toEqual({
      ok: false,
      errors: { notionalWarn: 'Enter a number', shareCritical: 'Enter a number' },
    });
    const inverted = { ...concentrationForm(DEFAULT_ALERT_SETTINGS), notionalWarn: '9', notionalCritical: '1' };
    expect(applyConcentrationForm(DEFAULT_ALERT_SETTINGS, inverted).ok).toBe(true);
  });

  it('reads amounts with thousands separators', () => {
    expect(parseAmount('1 000 000')).toBe(1_000_000);
    expect(parseAmount('2.5')).toBe(2.5);
    expect(parseAmount('1e3')).toBe(1000);
    expect(parseAmount('12abc')).toBeNull();
    expect(parseAmount('')).toBeNull();
  });
});
