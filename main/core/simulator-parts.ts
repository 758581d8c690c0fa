/**
 * What the core needs from the embedded simulator: its source, the gateway dealer actions go
 * through, and its training controls (speed, market shock).
 */
import { SimulatorGateway } from '../actions/simulator-gateway';
import type { SimulatorSource } from '../sources/simulator/source';
import type { CoreParts } from './desk-core';

export function simulatorParts(
  source: SimulatorSource,
  /** How long after its reply a dealer operation's events reach the desk (see SimulatorGateway). */
  eventDelayMs = 0,
): Pick<CoreParts, 'sources' | 'gateways' | 'simulatorSpeed' | 'simulatorShock'> {
  return {
    sources: [source],
    gateways: [
      new SimulatorGateway(
        source.server,
        () => source.simulator,
        () => source.deliverNow(),
        eventDelayMs,
      ),
    ],
    simulatorSpeed: (speed) => source.setSpeed(speed),
    simulatorShock: (symbol, percent) => source.shock(symbol, percent),
  };
}
