/**
 * What the core needs for the MT5 servers of a directory: one Web API session per server, shared
 * by its source (what the desk sees) and its gateway (what the desk does), and a way to log them
 * all out when the desk stops.
 */
import type { ServerConfig } from '../../shared/servers';
import type { MirrorCache } from '../cache';
import type { CoreParts } from '../core/desk-core';
import { WebApiConnection } from '../sources/mt5-webapi/connection/connection';
import { WebApiGateway } from '../sources/mt5-webapi/gateway';
import { WebApiSource } from '../sources/mt5-webapi/source';
import type { ServerDirectory } from './directory';

const AGENT = 'DealerDesk';

export function connectionTo(config: ServerConfig, password: string, log: (line: string) => void): WebApiConnection {
  return new WebApiConnection({
    url: config.url,
    login: config.login,
    password,
    ...(config.caPem !== undefined && { ca: config.caPem }),
    agentName: AGENT,
    log,
  });
}

export function webApiParts(
  directory: ServerDirectory,
  mirror: MirrorCache,
  log: (line: string) => void,
): Pick<CoreParts, 'sources' | 'gateways' | 'routingPairs' | 'closeSessions'> {
  const sessions = directory.list().flatMap((config) => {
    const password = directory.password(config.id);
    if (password === undefined) {
      log(`servers: ${config.id} has no stored password and is not connected; set one in the connection dialog`);
      return [];
    }
    const server = config.id;
    const connection = connectionTo(config, password, log);
    const source = new WebApiSource({
      server,
      connection,
      log,
      // What the cache holds, so positions closed while the desk was off are removed on the first sync.
      known: () => ({
        accounts: mirror.accounts({ server }).map((a) => a.login),
        positions: mirror.openPositions({ server }),
        orders: mirror.openOrders({ server }),
      }),
    });
    const gateway = new WebApiGateway({ server, connection, serverTimeMsc: () => source.serverTimeMsc });
    return [{ source, gateway, connection }];
  });
  return {
    sources: sessions.map((s) => s.source),
    gateways: sessions.map((s) => s.gateway),
    // Real servers' A-book groups are the broker's own naming: an admin maps them (Admin → Routing map).
    routingPairs: [],
    closeSessions: async () => {
      await Promise.all(sessions.map((s) => s.connection.close()));
    },
  };
}
