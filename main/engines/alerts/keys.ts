/**
 * Alert keys: rule + subject. A key names one condition of one subject, so at most one
 * occurrence of it is active at a time (de-duplication); one-shot rules put the deal ticket
 * in the key, so each deal raises its own.
 */
import type { Login, ServerId } from '../../../shared/domain';

export const alertKey = {
  concentration: (server: ServerId, symbol: string) => `concentration:${server}:${symbol}`,
  groupExposure: (server: ServerId, group: string) => `group-exposure:${server}:${group}`,
  groupFloating: (server: ServerId, group: string) => `group-floating:${server}:${group}`,
  regionExposure: (region: string) => `region-exposure:${region}`,
  regionFloating: (region: string) => `region-floating:${region}`,
  volatility: (server: ServerId, symbol: string) => `volatility:${server}:${symbol}`,
  margin: (server: ServerId, login: Login) => `margin:${server}:${login}`,
  largeMoney: (server: ServerId, ticket: number) => `large-money:${server}:${ticket}`,
  largeDeal: (server: ServerId, ticket: number) => `large-deal:${server}:${ticket}`,
  staleFeed: (server: ServerId, symbol: string) => `stale-feed:${server}:${symbol}`,
  server: (server: ServerId) => `server:${server}`,
};
