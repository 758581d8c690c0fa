/**
 * The contract's request and stream names for the preload, without importing the contract's zod
 * schemas (that would put ~750 KB of zod into every window's preload). `satisfies Record<…>` makes
 * a missing or extra name a compile error, and channels.test.ts checks the lists equal the contract's.
 */
import type { RequestName, StreamName } from '../shared/contract';

const requests = {
  'desk.ready': true,
  'positions.list': true,
  'accounts.list': true,
  'deals.list': true,
  'status.list': true,
  'positions.viewport': true,
  'accounts.viewport': true,
  'sim.control': true,
  'sim.shock': true,
  'exposure.snapshot': true,
  'exposure.positions': true,
  'charts.symbol': true,
  'alerts.list': true,
  'alerts.history': true,
  'alerts.acknowledge': true,
  'alerts.snooze': true,
  'alerts.resolve': true,
  'alerts.settings': true,
  'alerts.settings.save': true,
  'layout.get': true,
  'layout.save': true,
  'session.state': true,
  'session.setup': true,
  'session.signIn': true,
  'session.signOut': true,
  'operators.list': true,
  'operators.save': true,
  'limits.get': true,
  'limits.save': true,
  'actions.balance': true,
  'actions.account': true,
  'actions.preview': true,
  'actions.approve': true,
  'actions.reject': true,
  'actions.list': true,
  'actions.bulk': true,
  'groups.list': true,
  'audit.list': true,
  'audit.verify': true,
  'audit.export': true,
  'clients.drawer': true,
  'toxic.list': true,
  'toxic.profile': true,
  'toxic.settings': true,
  'toxic.settings.save': true,
  'routing.apply': true,
  'routing.map': true,
  'routing.map.save': true,
  'servers.list': true,
  'servers.save': true,
  'servers.remove': true,
  'servers.test': true,
} as const satisfies Record<RequestName, true>;

const streams = {
  positions: true,
  accounts: true,
  status: true,
  exposure: true,
  alerts: true,
  actions: true,
  toxic: true,
} as const satisfies Record<StreamName, true>;

export const preloadRequestNames = Object.keys(requests) as RequestName[];
export const preloadStreamNames = Object.keys(streams) as StreamName[];
