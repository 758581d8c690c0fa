import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TOXIC_SETTINGS,
  parseToxicSettings,
  TOXIC_DETECTORS,
  toxicProfileSchema,
  toxicSettingsSchema,
} from '../../../shared/toxic';
import { ToxicFlowEngine } from './engine';
import { deal, T0 } from './testing';

describe('toxic-flow settings', () => {
  it('have a default for every field, so an empty or older document parses to a complete one', () => {
    expect(toxicSettingsSchema.parse({})).toEqual(DEFAULT_TOXIC_SETTINGS);
    const partial = toxicSettingsSchema.parse({ latencyArb: { windowMs: 500 } });
    expect(partial.latencyArb).toEqual({ ...DEFAULT_TOXIC_SETTINGS.latencyArb, windowMs: 500 });
    expect(partial.minTrades).toBe(10);
    expect(DEFAULT_TOXIC_SETTINGS.routing.aBookDetectors).not.toContain('martingale');
    expect(TOXIC_DETECTORS).toHaveLength(6);
  });

  it('refuse nonsense with a message a person can act on', () => {
    expect(parseToxicSettings({ scalping: { minShortShare: 1.5 } })).toEqual({
      ok: false,
      message: expect.stringMatching(/^Toxic-flow settings are invalid \(scalping\.minShortShare: /),
    });
    expect(parseToxicSettings({ windowTrades: 3 }).ok).toBe(false);
    expect(parseToxicSettings({ routing: { aBookDetectors: ['telepathy'] } }).ok).toBe(false);
    expect(parseToxicSettings({ minTrades: 20 })).toMatchObject({ ok: true, value: { minTrades: 20 } });
  });

  it("the engine's profiles pass the contract's schema", () => {
    const e = new ToxicFlowEngine({ clientOf: () => 'C1' });
    for (let k = 0; k < 12; k++) {
      e.onDeal('s', deal({ ticket: 10 + k, timeMsc: T0 + k * 1_000 }));
      e.onDeal(
        's',
        deal({
          ticket: 100 + k,
          entry: 1,
          action: 1,
          positionId: 10 + k,
          timeMsc: T0 + k * 1_000 + 500,
          pricePosition: 1.1,
          price: 1.1,
          profit: k - 6,
        }),
      );
    }
    const profile = e.profile('s', 1001);
    expect(toxicProfileSchema.parse(profile)).toEqual(profile);
    expect(profile?.clientId).toBe('C1');
  });
});
