import { describe, expect, it } from 'vitest';
import type { ActionRow, AuditEntry } from '../../shared/actions';
import type { Alert } from '../../shared/alerts';
import type { Client, ClientAccount, Deal } from '../../shared/domain';
import { DealAction, DealEntry } from '../../shared/mt5';
import type { AccountRow } from '../../shared/rows';
import { type ClientDrawerDeps, clientDrawer } from './client-drawer';

const client: Client = {
  clientId: 'C1',
  name: 'Mara Voss',
  country: 'DE',
  region: 'Europe',
  kycStatus: 'approved',
  introducingBroker: 'IB-7',
};
const holdings: ClientAccount[] = [
  { clientId: 'C1', server: 'live-1', login: 1001 },
  { clientId: 'C1', server: 'live-2', login: 2001 },
];

const accountRow = (server: string, login: number): AccountRow =>
  ({ id: `${server}:${login}`, server, login, currency: server === 'live-1' ? 'USD' : 'EUR' }) as AccountRow;

const deal = (patch: Partial<Deal>): Deal =>
  ({
    ticket: 1,
    login: 1001,
    timeMsc: 0,
    action: DealAction.BUY,
    entry: DealEntry.IN,
    symbol: 'EURUSD',
    volume: 100_000_000,
    price: 1.1,
    profit: 0,
    positionId: 1,
    comment: '',
    ...patch,
  }) as Deal;

const alert = (patch: Partial<Alert>): Alert =>
  ({
    key: 'k',
    rule: 'margin',
    server: 'live-1',
    subject: '1001',
    level: 'warn',
    state: 'open',
    firstMsc: 0,
    message: 'margin',
    ...patch,
  }) as Alert;

function deps(overrides: Partial<ClientDrawerDeps> = {}): ClientDrawerDeps {
  return {
    record: {
      clientByLogin: (server, login) =>
        holdings.some((h) => h.server === server && h.login === login) ? client : undefined,
      accountsOfClient: () => holdings,
    },
    accountRow: (server, login) =>
      holdings.some((h) => h.server === server && h.login === login) ? accountRow(server, login) : undefined,
    deals: (server, login) =>
      server === 'live-1' && login === 1001
        ? [
            deal({ ticket: 12, timeMsc: 3_000, action: DealAction.BALANCE, profit: 150_000, comment: 'DD-AB12-7' }),
            deal({ ticket: 11, timeMsc: 1_000 }),
          ]
        : [],
    actions: (server, login) =>
      server === 'live-2' && login === 2001
        ? [
            {
              id: 'a1',
              server,
              login,
              kind: 'leverage',
              amount: null,
              currency: 'EUR',
              before: '1:100',
              after: '1:200',
              state: 'confirmed',
              requestedBy: 'Dan',
              requestedAtMsc: 2_000,
              approvedBy: null,
              error: null,
            } as ActionRow,
          ]
        : [],
    alerts: () => [
      alert({ key: 'margin:live-1:1001', firstMsc: 4_000 }),
      alert({ key: 'large-money:live-1:12', rule: 'large-money', subject: '12', firstMsc: 3_500 }),
      alert({ key: 'margin:live-1:9999', subject: '9999', firstMsc: 5_000 }), // someone else
      alert({ key: 'large-deal:live-2:12', rule: 'large-deal', server: 'live-2', subject: '12', firstMsc: 6_000 }), // same ticket, other server
    ],
    routing: () => [],
    ...overrides,
  };
}

describe('client drawer', () => {
  it("joins every account's deals, money, actions and alerts into one timeline, newest first", () => {
    const drawer = clientDrawer(deps(), 'live-2', 2001);
    expect(drawer.client).toMatchObject({
      name: 'Mara Voss',
      region: 'Europe',
      kycStatus: 'approved',
      introducingBroker: 'IB-7',
    });
    expect(drawer.accounts.map((a) => a.id)).toEqual(['live-1:1001', 'live-2:2001']);
    expect(drawer.timeline.map((t) => [t.atMsc, t.kind])).toEqual([
      [4_000, 'alert'],
      [3_500, 'alert'],
      [3_000, 'money'],
      [2_000, 'action'],
      [1_000, 'deal'],
    ]);
    expect(drawer.timeline[2]).toMatchObject({ title: 'Balance 1,500.00 USD', detail: 'deal #12 · DD-AB12-7' });
    expect(drawer.timeline[3]).toMatchObject({ title: 'leverage 1:100 → 1:200: confirmed', login: 2001 });
    expect(drawer.timeline[4]?.title).toBe('Buy 1 EURUSD @ 1.1 (open)');
  });

  it('puts routing recommendations and decisions from the audit trail on the timeline', () => {
    const entry = (patch: Partial<AuditEntry>): AuditEntry =>
      ({
        id: 1,
        server: 'live-1',
        login: 1001,
        subject: 'live-1:1001',
        result: 'ok',
        hash: 'h',
        ...patch,
      }) as AuditEntry;
    const drawer = clientDrawer(
      deps({
        routing: (server, login) =>
          server === 'live-1' && login === 1001
            ? [
                entry({
                  atMsc: 8_000,
                  action: 'routing.override',
                  operator: 'Dan',
                  before: { book: 'A' },
                  after: { book: 'B', group: 'real\\std' },
                  message: 'recommended A-book at score 1.00; reason: LP declines',
                }),
                entry({
                  atMsc: 7_000,
                  action: 'routing.recommendation',
                  operator: 'desk (toxic-flow engine)',
                  after: { recommendation: 'A', score: 1 },
                  message: 'latency arbitrage',
                }),
              ]
            : [],
      }),
      'live-2',
      2001,
    );
    expect(drawer.timeline.slice(0, 2)).toEqual([
      {
        atMsc: 8_000,
        kind: 'routing',
        server: 'live-1',
        login: 1001,
        title: 'Routed against the recommendation B-book (real\\std)',
        detail: 'by Dan · recommended A-book at score 1.00; reason: LP declines',
      },
      {
        atMsc: 7_000,
        kind: 'routing',
        server: 'live-1',
        login: 1001,
        title: 'Recommended A-book',
        detail: 'by desk (toxic-flow engine) · latency arbitrage',
      },
    ]);
  });

  it('shows a login the CRM does not know on its own, and nothing for a login nobody has', () => {
    const unknownToCrm = deps({
      record: { clientByLogin: () => undefined, accountsOfClient: () => [] },
      accountRow: (server, login) => (login === 1001 ? accountRow(server, login) : undefined),
    });
    const drawer = clientDrawer(unknownToCrm, 'live-1', 1001);
    expect(drawer.client).toBeNull();
    expect(drawer.accounts.map((a) => a.id)).toEqual(['live-1:1001']);
    expect(drawer.timeline.length).toBeGreaterThan(0);
    expect(clientDrawer(unknownToCrm, 'live-1', 4242)).toEqual({ client: null, accounts: [], timeline: [] });
  });
});
