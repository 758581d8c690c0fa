/** Every command the simulator's Web API serves besides the session ones (sessions.ts). */
import { dealEndpoints } from './deals';
import type { Endpoints } from './handler';
import { openTradeEndpoints } from './open-trades';
import { referenceEndpoints } from './reference';
import { tickEndpoints } from './ticks';
import { tradeEndpoints } from './trade';
import { userEndpoints } from './users';

export const endpoints: Endpoints = {
  ...userEndpoints,
  ...tradeEndpoints,
  ...dealEndpoints,
  ...openTradeEndpoints,
  ...referenceEndpoints,
  ...tickEndpoints,
};

export type { Handler } from './handler';
