/**
 * The screen-latency benchmark needs a 20,000-position book from this configuration; this holds
 * the configuration to it. (Generation speed is measured by `npm run bench`, never asserted here.)
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from './simulator';

describe('a large book', () => {
  it('opens about 20,000 positions for 8,000 clients asked for 20,000', () => {
    const sim = new Simulator({ clients: 8_000, initialPositions: 20_000 });
    while (sim.nowMsc < sim.config.startTimeMsc + sim.config.seedingWindowMs + 1_000) sim.next(10_000);
    expect(sim.truth().positions.size).toBeGreaterThan(15_000);
    expect(sim.truth().accounts.size).toBeGreaterThan(8_000);
  });
});
