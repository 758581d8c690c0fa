/**
 * What the core needs from the embedded simulator: its source, the gateway dealer actions go
 * through, and its training controls (speed, market shock).
 */
import { SimulatorGateway } from '../actions/simulator-gateway';
import type { SimulatorSource } from '../sources/simulator/source';
import type { CoreParts } from './desk-core';

export function simulatorParts(
  source: SimulatorSource,
): Pick<CoreParts, 'sources' | 'gateways' | 'simulatorSpeed' | 'simulatorShock'> {
  return {
    sources: [source],
    gateways: [
      new SimulatorGateway(
        source.server,
        () => source.simulator,
        () => source.deliverNow(),
      ),
    ],
    simulatorSpeed: (speed) => source.setSpeed(speed),
    simulatorShock: (symbol, percent) => source.shock(symbol, percent),
  };
}
