import { describe, expect, it } from 'vitest';
import { DEFAULT_TOXIC_SETTINGS } from '../../../shared/toxic';
import { applySettingsForm, settingsFields, settingsForm } from './settings-form';

describe('toxic settings form', () => {
  it('lists every number and switch by path, lists left out', () => {
    const paths = settingsFields(DEFAULT_TOXIC_SETTINGS).map((f) => f.path);
    expect(paths).toContain('minTrades');
    expect(paths).toContain('latencyArb.windowMs');
    expect(paths).toContain('scalping.enabled');
    expect(paths).not.toContain('routing.aBookDetectors');
  });

  it('round-trips the defaults unchanged', () => {
    const result = applySettingsForm(DEFAULT_TOXIC_SETTINGS, settingsForm(DEFAULT_TOXIC_SETTINGS));
    expect(result).toEqual({ ok: true, value: DEFAULT_TOXIC_SETTINGS });
  });

  it('applies edits and names the fields that are not numbers', () => {
    const form = settingsForm(DEFAULT_TOXIC_SETTINGS);
    form['latencyArb.windowMs'] = '500';
    form['news.enabled'] = false;
    const ok = applySettingsForm(DEFAULT_TOXIC_SETTINGS, form);
    expect(ok.ok && (ok.value as typeof DEFAULT_TOXIC_SETTINGS).latencyArb.windowMs).toBe(500);
    expect(ok.ok && (ok.value as typeof DEFAULT_TOXIC_SETTINGS).news.enabled).toBe(false);
    form.minTrades = '1e3';
    form['scalping.shortHoldMs'] = '';
    expect(applySettingsForm(DEFAULT_TOXIC_SETTINGS, form)).toEqual({
      ok: false,
      errors: ['minTrades', 'scalping.shortHoldMs'],
    });
  });
});
