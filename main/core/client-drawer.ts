/**
 * A client as the dealer needs it in one place: who they are (CRM), every account they hold on
 * every server with its live figures, and one timeline joining their deals, money, the desk's
 * actions on their accounts, routing recommendations and decisions, and the alerts they raised,
 * newest first.
 */
import type { ActionRow, AuditEntry, ClientDrawer, TimelineItem } from '../../shared/actions';
import type { Alert } from '../../shared/alerts';
import type { Deal, Login, ServerId } from '../../shared/domain';
import { BALANCE_ACTIONS, DealAction, DealEntry } from '../../shared/mt5';
import type { AccountRow } from '../../shared/rows';
import { formatMoney, volumeToLots } from '../../shared/units';
import type { RecordStore } from '../cache';

/** Enough history to read a client's story without turning the drawer into a report. */
const DEALS_PER_ACCOUNT = 200;
const TIMELINE_MAX = 500;

export interface ClientDrawerDeps {
  record: Pick<RecordStore, 'clientByLogin' | 'accountsOfClient'>;
  accountRow(server: ServerId, login: Login): AccountRow | undefined;
  /** Newest first. */
  deals(server: ServerId, login: Login, limit: number): Deal[];
  actions(server: ServerId, login: Login): ActionRow[];
  alerts(): readonly Alert[];
  /** The account's routing entries of the audit trail (recommendations, applications, overrides). */
  routing(server: ServerId, login: Login): AuditEntry[];
}

export function clientDrawer(deps: ClientDrawerDeps, server: ServerId, login: Login): ClientDrawer {
  const client = deps.record.clientByLogin(server, login) ?? null;
  // A login the CRM does not know still gets its own drawer: the account and its history.
  const logins = client ? deps.record.accountsOfClient(client.clientId) : [{ server, login }];
  const accounts = logins.flatMap((a) => deps.accountRow(a.server, a.login) ?? []);
  if (!client && accounts.length === 0) {
    return { client: null, accounts: [], timeline: [] };
  }
  const timeline: TimelineItem[] = [];
  const dealTickets = new Set<string>();
  for (const account of logins) {
    const currency = deps.accountRow(account.server, account.login)?.currency ?? '';
    for (const deal of deps.deals(account.server, account.login, DEALS_PER_ACCOUNT)) {
      dealTickets.add(`${account.server}:${deal.ticket}`);
      timeline.push(dealItem(account.server, deal, currency));
    }
    for (const action of deps.actions(account.server, account.login)) timeline.push(actionItem(action));
    for (const entry of deps.routing(account.server, account.login)) timeline.push(routingItem(entry));
  }
  const loginKeys = new Set(logins.map((a) => `${a.server}:${a.login}`));
  for (const alert of deps.alerts()) {
    if (alert.server === null || !concernsClient(alert, loginKeys, dealTickets)) continue;
    timeline.push({
      atMsc: alert.firstMsc,
      kind: 'alert',
      server: alert.server,
      login: alert.rule === 'margin' ? Number(alert.subject) : null,
      title: `${alert.level === 'critical' ? 'Critical' : 'Warning'}: ${alert.rule} (${alert.state})`,
      detail: alert.message,
    });
  }
  timeline.sort((a, b) => b.atMsc - a.atMsc);
  return {
    client: client && {
      clientId: client.clientId,
      name: client.name,
      country: client.country,
      region: client.region,
      kycStatus: client.kycStatus,
      introducingBroker: client.introducingBroker,
    },
    accounts,
    timeline: timeline.slice(0, TIMELINE_MAX),
  };
}

/** Margin alerts name the login; money and deal alerts name a deal of one of the client's logins. */
function concernsClient(alert: Alert, logins: ReadonlySet<string>, deals: ReadonlySet<string>): boolean {
  const at = `${alert.server}:${alert.subject}`;
  if (alert.rule === 'margin') return logins.has(at);
  if (alert.rule === 'large-money' || alert.rule === 'large-deal') return deals.has(at);
  return false;
}

const BALANCE_LABELS: Partial<Record<number, string>> = {
  [DealAction.BALANCE]: 'Balance',
  [DealAction.CREDIT]: 'Credit',
  [DealAction.CHARGE]: 'Charge',
  [DealAction.CORRECTION]: 'Correction',
  [DealAction.BONUS]: 'Bonus',
};

function dealItem(server: ServerId, deal: Deal, currency: string): TimelineItem {
  const head = { atMsc: deal.timeMsc, server, login: deal.login };
  if (BALANCE_ACTIONS.has(deal.action)) {
    const label = BALANCE_LABELS[deal.action] ?? `Balance action ${deal.action}`;
    return {
      ...head,
      kind: 'money',
      title: `${label} ${formatMoney(deal.profit)} ${currency}`.trim(),
      detail: `deal #${deal.ticket}${deal.comment ? ` · ${deal.comment}` : ''}`,
    };
  }
  const side =
    deal.action === DealAction.BUY ? 'Buy' : deal.action === DealAction.SELL ? 'Sell' : `Action ${deal.action}`;
  const entry = deal.entry === DealEntry.IN ? 'open' : deal.entry === DealEntry.INOUT ? 'reverse' : 'close';
  const pnl = deal.entry === DealEntry.IN ? '' : ` · P&L ${formatMoney(deal.profit)} ${currency}`;
  return {
    ...head,
    kind: 'deal',
    title: `${side} ${volumeToLots(deal.volume)} ${deal.symbol} @ ${deal.price} (${entry})`,
    detail: `deal #${deal.ticket}, position #${deal.positionId}${pnl}`,
  };
}

function actionItem(action: ActionRow): TimelineItem {
  const change =
    action.amount === null ? `${action.before} → ${action.after}` : `${formatMoney(action.amount)} ${action.currency}`;
  return {
    atMsc: action.requestedAtMsc,
    kind: 'action',
    server: action.server,
    login: action.login,
    title: `${action.kind} ${change}: ${action.state}`,
    detail: `by ${action.requestedBy}${action.approvedBy ? `, approved by ${action.approvedBy}` : ''}${action.error ? ` · ${action.error.message}` : ''}`,
  };
}

const ROUTING_TITLES: Record<string, string> = {
  'routing.recommendation': 'Recommended',
  'routing.apply': 'Routed',
  'routing.override': 'Routed against the recommendation',
};

function routingItem(entry: AuditEntry): TimelineItem {
  const after = (entry.after ?? {}) as { book?: string; recommendation?: string; group?: string };
  const book = after.book ?? after.recommendation;
  const title = `${ROUTING_TITLES[entry.action] ?? entry.action}${book ? ` ${book}-book` : ''}`;
  return {
    atMsc: entry.atMsc,
    kind: 'routing',
    server: entry.server ?? '',
    login: entry.login,
    title: `${title}${after.group ? ` (${after.group})` : ''}`,
    detail: `by ${entry.operator}${entry.message ? ` · ${entry.message}` : ''}`,
  };
}
