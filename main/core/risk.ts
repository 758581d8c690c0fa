/**
 * The risk manager's side of the core: the exposure engine fed with what the cache applied, and
 * the alerts engine fed with observations from the book, the exposure engine and the status
 * board. Alert changes are written to desk.db as they happen (history first) and streamed.
 */

import type { Alert, AlertActionResult } from '../../shared/alerts';
import { type AlertRow, DeskRequestError, type Handlers } from '../../shared/contract';
import type { ServerId } from '../../shared/domain';
import type { SyncEvent } from '../../shared/events';
import type { ExposureSnapshot } from '../../shared/exposure';
import type { RowDelta } from '../../shared/rows';
import type { AuditTrail } from '../audit/trail';
import type { AlertsStore, RecordStore } from '../cache';
import { AlertsEngine } from '../engines/alerts';
import type { DeskBook } from '../engines/book/book';
import { ExposureEngine } from '../engines/exposure';
import { actorOf } from './actor';
import { ChartHistory } from './chart-history';
import type { StatusBoard } from './status';

/** How often the exposure panel is recomputed and its figures shown to the alert rules. */
const EXPOSURE_EVERY_MS = 500;
/** How often time-based rules run and accounts and servers are looked at. */
const EVALUATE_EVERY_MS = 1_000;
/** A value-only refresh of an alert is persisted at most this often (each save is an fsync). */
const PERSIST_REFRESH_EVERY_MS = 5_000;
/**
 * Accounts shown to the margin rule (and exposure's margin figures) per frame, round-robin: a
 * 16,000-account book is seen every ~0.8 s without a long pause once a second.
 */
const ACCOUNTS_PER_FRAME = 1_000;
/** Resolved alerts stay in the list this long, so a risk manager sees what just cleared. */
const RECENTLY_RESOLVED_MS = 60 * 60_000;

export interface RiskDeps {
  book: DeskBook;
  record: RecordStore;
  alertsStore: AlertsStore;
  status: StatusBoard;
  deskCurrency: string;
  /** The routing flag of an account in a group (the routing map): the exposure book split. */
  bookOf: (server: ServerId, group: string) => 'A' | 'B';
  /** Where acknowledgements, snoozes, resolutions and threshold changes are recorded. */
  audit: Pick<AuditTrail, 'append'>;
  clock?: () => number;
}

export interface RiskFrame {
  exposure: ExposureSnapshot | undefined;
  alerts: RowDelta<AlertRow>;
}

export class RiskDesk {
  readonly exposure: ExposureEngine;
  readonly alerts: AlertsEngine;
  readonly charts = new ChartHistory();
  private readonly clock: () => number;
  private lastExposureAt = 0;
  private lastEvaluateAt = 0;
  private lastRefreshSavedAt = 0;
  private readonly unsavedRefreshes = new Map<string, Alert>();
  private accountCursor: ReturnType<DeskBook['marginedAccounts']> | undefined;

  constructor(private readonly deps: RiskDeps) {
    this.clock = deps.clock ?? Date.now;
    this.exposure = new ExposureEngine({
      deskCurrency: deps.deskCurrency,
      regionOf: (server, login) => deps.record.clientByLogin(server, login)?.region,
      bookOf: (server, _login, group) => deps.bookOf(server, group),
      accountFigures: (server, login) => deps.book.accountFigures(server, login),
    });
    const stored = deps.alertsStore.settings();
    this.alerts = new AlertsEngine(stored?.settings, { deskCurrency: deps.deskCurrency });
    this.alerts.restore(deps.alertsStore.activeAlerts());
  }

  /** What the cache applied on one server, after the book has seen it. */
  applied(server: ServerId, events: readonly SyncEvent[]): void {
    this.exposure.apply(events);
    this.charts.applied(server, events);
    const now = this.clock();
    for (const event of events) {
      if (event.type === 'tick') {
        const { symbol, bid, ask, timeMsc } = event.tick;
        this.alerts.observeTick({ server, symbol, mid: (bid + ask) / 2, timeMsc }, now);
      } else if (event.type === 'deal.add') {
        const group = this.deps.book.groupOf(server, event.deal.login);
        const currency = group?.currency ?? this.deps.deskCurrency;
        this.alerts.observeDeal(
          {
            server,
            deal: event.deal,
            currency,
            deskAmount: this.deps.book.convertMoney(server, event.deal.profit, currency, this.deps.deskCurrency),
            coverage: group?.coverage ?? false,
          },
          now,
        );
      }
    }
  }

  /** Once per frame: the exposure panel when due, and the alerts that changed. */
  frame(): RiskFrame {
    const now = this.clock();
    let exposure: ExposureSnapshot | undefined;
    if (now - this.lastExposureAt >= EXPOSURE_EVERY_MS) {
      this.lastExposureAt = now;
      exposure = this.exposure.snapshot();
      this.observeExposure(exposure, now);
      this.charts.exposure(exposure, now);
    }
    this.observeAccounts(now);
    if (now - this.lastEvaluateAt >= EVALUATE_EVERY_MS) {
      this.lastEvaluateAt = now;
      for (const status of this.deps.status.list()) this.alerts.observeServer(status, now);
      this.alerts.evaluate(now);
    }
    return { exposure, alerts: this.drain(now) };
  }

  private observeExposure(snapshot: ExposureSnapshot, now: number): void {
    const total = snapshot.symbols.reduce((sum, row) => sum + Math.abs(row.brokerNetNotional ?? 0), 0);
    for (const row of snapshot.symbols) {
      const brokerNetNotional = row.brokerNetNotional ?? 0;
      this.alerts.observeSymbolExposure(
        {
          server: row.server,
          symbol: row.symbol,
          brokerNetNotional,
          shareOfTotal: total > 0 ? Math.abs(brokerNetNotional) / total : 0,
          traded: row.positions > 0,
        },
        now,
      );
    }
    for (const row of snapshot.groups) {
      this.alerts.observeGroup(
        {
          server: row.server,
          group: row.group,
          netNotional: row.clientNetNotional ?? 0,
          clientsFloating: row.clientFloating ?? 0,
        },
        now,
      );
    }
    for (const row of snapshot.regions) {
      this.alerts.observeRegion(
        { region: row.slice, netNotional: row.clientNetNotional ?? 0, clientsFloating: row.clientFloating ?? 0 },
        now,
      );
    }
  }

  private observeAccounts(now: number): void {
    for (let i = 0; i < ACCOUNTS_PER_FRAME; i++) {
      this.accountCursor ??= this.deps.book.marginedAccounts();
      const next = this.accountCursor.next();
      if (next.done) {
        this.accountCursor = undefined;
        return;
      }
      const account = next.value;
      this.alerts.observeAccount(
        {
          server: account.server,
          login: account.login,
          group: account.group.group,
          equity: account.equity,
          margin: account.margin,
          marginSOMode: account.group.marginSOMode,
          marginCall: account.group.marginCall,
          marginStopOut: account.group.marginStopOut,
        },
        now,
      );
      this.exposure.refreshAccount(account.server, account.login);
    }
  }

  /** Changes are saved at once (they are the history); value refreshes every few seconds. */
  private drain(now: number): RowDelta<AlertRow> {
    const { changes, updated } = this.alerts.drain();
    for (const alert of updated) this.unsavedRefreshes.set(alert.key, alert);
    const refreshDue = now - this.lastRefreshSavedAt >= PERSIST_REFRESH_EVERY_MS && this.unsavedRefreshes.size > 0;
    if (changes.length > 0 || refreshDue) {
      for (const change of changes) this.unsavedRefreshes.delete(change.alert.key);
      this.deps.alertsStore.save({ changes, updated: refreshDue ? [...this.unsavedRefreshes.values()] : [] });
      if (refreshDue) {
        this.unsavedRefreshes.clear();
        this.lastRefreshSavedAt = now;
      }
    }
    const latest = new Map<string, Alert>();
    for (const change of changes) latest.set(change.alert.key, change.alert);
    for (const alert of updated) latest.set(alert.key, alert);
    return { upserts: [...latest.values()].map(alertRow), removes: [] };
  }

  /** A margin alert's subject is its login, so the trail can be filtered by account. */
  private audit(
    operator: string,
    action: string,
    key: string,
    before: unknown,
    after: unknown,
    result: 'ok' | 'refused',
    message: string,
  ): void {
    const subject = this.alerts.alerts().find((a) => a.key === key);
    this.deps.audit.append({
      operator,
      action,
      server: subject?.server ?? null,
      login: subject?.rule === 'margin' ? Number(subject.subject) : null,
      subject: key,
      before: before ?? null,
      after: after ?? null,
      result,
      message,
    });
  }

  handlers(): Pick<
    Handlers,
    | 'exposure.snapshot'
    | 'exposure.positions'
    | 'charts.symbol'
    | 'alerts.list'
    | 'alerts.history'
    | 'alerts.acknowledge'
    | 'alerts.snooze'
    | 'alerts.resolve'
    | 'alerts.settings'
    | 'alerts.settings.save'
  > {
    const act = (action: string, key: string, who: string, result: AlertActionResult): AlertRow => {
      const before = this.alerts.alerts().find((a) => a.key === key);
      if (!result.ok) {
        this.audit(who, action, key, before, undefined, 'refused', result.error.message);
        throw new DeskRequestError('bad_request', result.error.message);
      }
      // The change is history: saved now, not at the next frame.
      this.deps.alertsStore.save(this.alerts.drain());
      this.audit(who, action, key, before && { state: before.state }, { state: result.value.state }, 'ok', '');
      return alertRow(result.value);
    };
    return {
      'exposure.snapshot': () => this.exposure.snapshot(),
      'charts.symbol': ({ server, symbol }) => this.charts.series(server, symbol),
      'exposure.positions': (row) => this.deps.book.positionRowsOf(this.exposure.positionsBehind(row)),
      'alerts.list': () => {
        const since = this.clock() - RECENTLY_RESOLVED_MS;
        return this.alerts
          .alerts()
          .filter((a) => a.resolvedMsc === null || a.resolvedMsc >= since)
          .map(alertRow);
      },
      'alerts.history': (query) => this.deps.alertsStore.history(query),
      'alerts.acknowledge': ({ key }, ctx) => {
        const who = actorOf(ctx).name;
        return act('alert.acknowledge', key, who, this.alerts.acknowledge(key, who, this.clock()));
      },
      'alerts.snooze': ({ key, minutes }, ctx) => {
        const who = actorOf(ctx).name;
        const now = this.clock();
        return act('alert.snooze', key, who, this.alerts.snooze(key, who, now + minutes * 60_000, now));
      },
      'alerts.resolve': ({ key }, ctx) => {
        const who = actorOf(ctx).name;
        return act('alert.resolve', key, who, this.alerts.resolve(key, who, this.clock()));
      },
      'alerts.settings': () => this.alerts.settings,
      'alerts.settings.save': ({ settings }, ctx) => {
        const who = actorOf(ctx).name;
        const now = this.clock();
        const before = this.alerts.settings;
        this.deps.alertsStore.saveSettings(settings, who, now);
        this.alerts.updateSettings(settings, who, now);
        this.audit(who, 'alert.thresholds', 'alert settings', before, settings, 'ok', '');
        return this.alerts.settings;
      },
    };
  }
}

const alertRow = (alert: Alert): AlertRow => ({ ...alert, id: alert.key });
