/**
 * What the core needs from the embedded simulator: its source, the gateway dealer actions go
 * through, and its training controls (speed, market shock).
 */

import type { RoutingPair } from '../../shared/routing';
import { SimulatorGateway } from '../actions/simulator-gateway';
import type { GroupInfo } from '../sources/simulator';
import type { SimulatorSource } from '../sources/simulator/source';
import type { CoreParts } from './desk-core';

export function simulatorParts(
  source: SimulatorSource,
  /** How long after its reply a dealer operation's events reach the desk (see SimulatorGateway). */
  eventDelayMs = 0,
): Pick<CoreParts, 'sources' | 'gateways' | 'simulatorSpeed' | 'simulatorShock' | 'routingPairs'> {
  return {
    routingPairs: routingPairsOf(source.server, source.simulator.catalog.groups),
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

/** The simulator's A-book groups are its B-book groups' twins, named `real\\a-book\\<name>`. */
export function routingPairsOf(server: string, groups: readonly GroupInfo[]): RoutingPair[] {
  const names = new Set(groups.map((g) => g.spec.group));
  return groups
    .filter((g) => !g.aBook && !g.spec.coverage)
    .map((g) => ({ server, bBook: g.spec.group, aBook: g.spec.group.replace(/^real\\/, 'real\\a-book\\') }))
    .filter((pair) => pair.aBook !== pair.bBook && names.has(pair.aBook));
}
