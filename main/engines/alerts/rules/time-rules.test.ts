/** The rules that depend on time passing: volatility windows and stale feeds, with explicit times. */
import { describe, expect, it } from 'vitest';
import { engineWith, eurusd, kinds, usd } from '../testing';

// Server time (its own clock) and the desk's clock, three hours apart on purpose.
const S = 1_700_000_040_000;
const DESK = S + 3 * 3_600_000;
const sec = (n: number) => S + n * 1000;

describe('volatility spike', () => {
  const settings = {
    volatility: {
      windowMs: 60_000,
      typicalWindows: 30,
      minTypicalWindows: 5,
      warnMultiple: 3,
      criticalMultiple: 5,
      minMoveFraction: 0,
      hysteresis: 0.2,
    },
  };
  /** EURUSD drifts 0.0002 a minute: its typical 60 s move. */
  const trend = (s: number) => 1.1 + (0.0002 * s) / 60;

  function steadyMarket(seconds: number) {
    const engine = engineWith(settings);
    engine.observeSymbolExposure(eurusd(-2_300_000), DESK);
    for (let s = 0; s < seconds; s++) {
      engine.observeTick({ server: 'sim-1', symbol: 'EURUSD', mid: trend(s), timeMsc: sec(s) }, DESK + s * 1000);
    }
    return engine;
  }

  it('raises nothing in an ordinary market', () => {
    const engine = steadyMarket(900);
    expect(engine.alerts()).toEqual([]);
  });

  it('raises a spike beyond k × the typical move, with the broker exposure, then clears as the window passes', () => {
    const engine = steadyMarket(600);
    // A jump of 0.0005 on top of the drift: 0.0007 over the last 60 s = 3.5 × typical.
    engine.observeTick(
      { server: 'sim-1', symbol: 'EURUSD', mid: trend(600) + 0.0005, timeMsc: sec(600) },
      DESK + 600_000,
    );
    const spike = engine.find('volatility:sim-1:EURUSD');
    expect(spike).toMatchObject({ level: 'warn', unit: 'multiple', threshold: 3, brokerNetNotional: usd(-2_300_000) });
    expect(spike?.value).toBeCloseTo(3.5, 1);
    expect(spike?.message).toContain('broker net -2,300,000.00 USD');
    // Then a further jump: 0.0011 = 5.5 ×.
    engine.observeTick(
      { server: 'sim-1', symbol: 'EURUSD', mid: trend(601) + 0.0009, timeMsc: sec(601) },
      DESK + 601_000,
    );
    expect(engine.find('volatility:sim-1:EURUSD')?.level).toBe('critical');
    // The market calms at the new level; once the jump is out of the window the alert clears.
    for (let s = 602; s < 700; s++) {
      engine.observeTick(
        { server: 'sim-1', symbol: 'EURUSD', mid: trend(s) + 0.0009, timeMsc: sec(s) },
        DESK + s * 1000,
      );
    }
    expect(kinds(engine)).toEqual([
      'opened:volatility:sim-1:EURUSD',
      'escalated:volatility:sim-1:EURUSD',
      'resolved:volatility:sim-1:EURUSD',
    ]);
  });

  it('judges nothing before the typical move is known', () => {
    const engine = steadyMarket(120);
    engine.observeTick({ server: 'sim-1', symbol: 'EURUSD', mid: 1.2, timeMsc: sec(120) }, DESK);
    expect(engine.alerts()).toEqual([]);
  });

  it('clears a spike when time passes without ticks of that symbol (server clock from others)', () => {
    const engine = steadyMarket(600);
    engine.observeTick({ server: 'sim-1', symbol: 'EURUSD', mid: trend(600) + 0.002, timeMsc: sec(600) }, DESK);
    expect(engine.find('volatility:sim-1:EURUSD')?.level).toBe('critical');
    engine.observeTick({ server: 'sim-1', symbol: 'GBPUSD', mid: 1.27, timeMsc: sec(659) }, DESK);
    engine.evaluate(DESK + 59_000);
    expect(engine.find('volatility:sim-1:EURUSD')).toBeDefined();
    engine.observeTick({ server: 'sim-1', symbol: 'GBPUSD', mid: 1.27, timeMsc: sec(661) }, DESK);
    engine.evaluate(DESK + 61_000);
    expect(engine.find('volatility:sim-1:EURUSD')).toBeUndefined();
  });
});

describe('stale feed', () => {
  const settings = { staleFeed: { warnAfterMs: 30_000, criticalAfterMs: 120_000 } };
  const tick = (symbol: string, s: number) => ({ server: 'sim-1', symbol, mid: 1.1, timeMsc: sec(s) });

  it('warns, then escalates, on the server clock, and a tick clears it', () => {
    const engine = engineWith(settings);
    engine.observeSymbolExposure(eurusd(1_000_000), DESK);
    engine.observeTick(tick('EURUSD', 0), DESK);
    engine.observeTick(tick('GBPUSD', 29), DESK);
    engine.evaluate(DESK + 30_000 * 100); // the desk clock does not matter
    expect(engine.alerts()).toEqual([]);
    engine.observeTick(tick('GBPUSD', 31), DESK);
    engine.evaluate(DESK + 31_000);
    expect(engine.find('stale-feed:sim-1:EURUSD')).toMatchObject({ level: 'warn', value: 31_000, unit: 'ms' });
    expect(engine.find('stale-feed:sim-1:EURUSD')?.message).toContain('no tick for 31 s');
    engine.observeTick(tick('GBPUSD', 125), DESK);
    engine.evaluate(DESK + 125_000);
    expect(engine.find('stale-feed:sim-1:EURUSD')?.level).toBe('critical');
    engine.observeTick(tick('EURUSD', 126), DESK + 126_000);
    expect(kinds(engine)).toEqual([
      'opened:stale-feed:sim-1:EURUSD',
      'escalated:stale-feed:sim-1:EURUSD',
      'resolved:stale-feed:sim-1:EURUSD',
    ]);
  });

  it('watches only traded symbols, in session, and lets a silent server be the server alert', () => {
    const closed = new Set(['US500']);
    const engine = engineWith(settings, { inSession: (_server, symbol) => !closed.has(symbol) });
    engine.observeSymbolExposure({ ...eurusd(0), symbol: 'US500' }, DESK);
    engine.observeTick(tick('US500', 0), DESK);
    engine.observeTick(tick('XAUUSD', 0), DESK); // ticks, but nobody holds it
    engine.observeTick(tick('GBPUSD', 300), DESK);
    engine.evaluate(DESK);
    expect(engine.alerts()).toEqual([]);
    // The whole server falls silent: its clock stops, so no symbol goes stale.
    engine.observeSymbolExposure(eurusd(1_000_000), DESK);
    engine.observeTick(tick('EURUSD', 300), DESK);
    engine.evaluate(DESK + 3_600_000);
    expect(engine.alerts()).toEqual([]);
  });

  it('clears when the last position in the symbol is closed', () => {
    const engine = engineWith(settings);
    engine.observeSymbolExposure(eurusd(1_000_000), DESK);
    engine.observeTick(tick('EURUSD', 0), DESK);
    engine.observeTick(tick('GBPUSD', 40), DESK);
    engine.evaluate(DESK);
    expect(engine.alerts()).toHaveLength(1);
    engine.observeSymbolExposure(eurusd(0, 0, false), DESK + 1);
    expect(engine.alerts()).toEqual([]);
  });
});
