/**
 * Flat-out generation speed: the benchmark pushes simulator → validation → SQLite at ≥100,000
 * events/s, so the simulator alone must run several times faster. The figure is printed; the
 * assertion is loose because shared CI machines vary.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from './simulator';

function measure(config: ConstructorParameters<typeof Simulator>[0], events: number) {
  const sim = new Simulator(config);
  sim.next(50_000); // warm up the JIT and get past the opening burst
  const started = performance.now();
  let produced = 0;
  while (produced < events) produced += sim.next(10_000).length;
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: Math.round(produced / seconds), openPositions: sim.truth().positions.size };
}

describe('flat-out throughput', () => {
  it('generates well over 100,000 events/s with the default population', () => {
    const { perSecond, openPositions } = measure({}, 1_000_000);
    console.log(`simulator flat-out: ${perSecond.toLocaleString('en-US')} events/s (${openPositions} open positions)`);
    expect(perSecond).toBeGreaterThan(100_000);
  });

  it('keeps pace with a 20,000-position book', () => {
    const { perSecond, openPositions } = measure({ clients: 8_000, initialPositions: 20_000 }, 500_000);
    console.log(
      `simulator flat-out, large book: ${perSecond.toLocaleString('en-US')} events/s (${openPositions} open positions)`,
    );
    expect(openPositions).toBeGreaterThan(15_000);
    expect(perSecond).toBeGreaterThan(100_000);
  });
});
