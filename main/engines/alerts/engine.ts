/**
 * The alerts engine: the core feeds it observations (exposure rows, ticks, accounts, deals,
 * server status) and calls `evaluate` about once a second for the rules that depend on time
 * passing (stale feed, a spike's window sliding away, a reconnect's grace, snoozes ending).
 * Each observation costs O(1); `evaluate` costs O(traded symbols + active alerts).
 *
 * Pure: no database, no timers, no clock. The desk's time comes in as `nowMsc` (stamped on
 * alerts); price windows use the server's tick times. Changes are drained with `drain()` for the
 * core to persist (cache/alerts-store) and stream; `restore()` takes back what was persisted.
 */

import { type AlertSettings, DEFAULT_ALERT_SETTINGS } from '../../../shared/alert-settings';
import type { Alert, AlertActionResult, AlertDrain, AlertRule } from '../../../shared/alerts';
import type { ServerId } from '../../../shared/domain';
import type { Money, TimeMsc } from '../../../shared/units';
import { AlertLedger, type Reading } from './ledger';
import type {
  AccountObservation,
  DealObservation,
  GroupObservation,
  RegionObservation,
  ServerObservation,
  SymbolExposureObservation,
  TickObservation,
} from './observations';
import { concentrationReading } from './rules/concentration';
import type { RuleContext } from './rules/context';
import { staleFeedReading } from './rules/feed';
import { marginReading } from './rules/margin';
import { largeDealReading, largeMoneyReading } from './rules/money';
import { type ServerWatch, serverReading } from './rules/server';
import { groupReadings, regionReadings } from './rules/thresholds';
import { SymbolPrices, volatilityReading } from './rules/volatility';

export interface AlertsEngineOptions {
  /** The desk currency's code, for messages. */
  deskCurrency?: string;
  /**
   * Whether a symbol's market is open at a server time; a closed market is not a stale feed.
   * Default: always open (the mirror does not carry trading sessions yet).
   */
  inSession?: (server: ServerId, symbol: string, serverMsc: TimeMsc) => boolean;
}

/** What the engine keeps per (server, symbol). */
interface SymbolWatch {
  server: ServerId;
  symbol: string;
  brokerNetNotional: Money | null;
  traded: boolean;
  /** Server time of the last tick; null until one came (or the stale clock started). */
  lastTickMsc: TimeMsc | null;
  prices: SymbolPrices;
}

interface ServerFeed {
  /** The server's clock as its ticks tell it: the newest tick time on any symbol. */
  latestTickMsc: TimeMsc | null;
  traded: Set<SymbolWatch>;
}

/** Which rules each settings section switches. */
const RULES_OF: Record<keyof AlertSettings, AlertRule> = {
  concentration: 'concentration',
  groupExposure: 'group-exposure',
  groupFloating: 'group-floating',
  regionExposure: 'region-exposure',
  regionFloating: 'region-floating',
  volatility: 'volatility',
  margin: 'margin',
  largeMoney: 'large-money',
  largeDeal: 'large-deal',
  staleFeed: 'stale-feed',
  server: 'server',
};

export class AlertsEngine {
  private current: AlertSettings;
  private readonly ledger = new AlertLedger();
  private readonly symbols = new Map<string, SymbolWatch>();
  private readonly feeds = new Map<ServerId, ServerFeed>();
  private readonly servers = new Map<ServerId, ServerWatch>();
  /** Symbols with an active volatility or stale-feed alert: `evaluate` revisits them as time passes. */
  private readonly spiking = new Set<SymbolWatch>();
  private readonly stale = new Set<SymbolWatch>();
  private readonly context: RuleContext;
  private readonly inSession: NonNullable<AlertsEngineOptions['inSession']>;

  constructor(settings: AlertSettings = DEFAULT_ALERT_SETTINGS, options: AlertsEngineOptions = {}) {
    this.current = settings;
    this.inSession = options.inSession ?? (() => true);
    const ledger = this.ledger;
    this.context = { deskCurrency: options.deskCurrency ?? 'USD', levelOf: (key) => ledger.levelOf(key) };
  }

  get settings(): AlertSettings {
    return this.current;
  }

  /**
   * Takes back the active alerts persisted before a restart (call before any observation), so a
   * condition still breached refreshes its alert instead of opening a second one.
   */
  restore(alerts: readonly Alert[]): void {
    this.ledger.restore(alerts);
    for (const alert of alerts) {
      if (alert.state === 'resolved' || alert.server === null) continue;
      if (alert.rule === 'volatility') this.spiking.add(this.symbol(alert.server, alert.subject));
      if (alert.rule === 'stale-feed') this.stale.add(this.symbol(alert.server, alert.subject));
    }
  }

  /** New thresholds apply from the next observation; a rule switched off resolves its alerts in `by`'s name. */
  updateSettings(settings: AlertSettings, by: string, nowMsc: TimeMsc): void {
    const off = new Set<AlertRule>();
    for (const [section, rule] of Object.entries(RULES_OF) as [keyof AlertSettings, AlertRule][]) {
      if (this.current[section].enabled && !settings[section].enabled) off.add(rule);
    }
    if (off.size > 0) this.ledger.resolveRules(off, by, nowMsc);
    const window = (s: AlertSettings) => [s.volatility.windowMs, s.volatility.typicalWindows].join();
    // Past windows measured with another length say nothing about the new one.
    if (window(settings) !== window(this.current)) for (const s of this.symbols.values()) s.prices = new SymbolPrices();
    if (off.has('volatility')) this.spiking.clear();
    if (off.has('stale-feed')) this.stale.clear();
    this.current = settings;
  }

  observeSymbolExposure(o: SymbolExposureObservation, nowMsc: TimeMsc): void {
    const watch = this.symbol(o.server, o.symbol);
    watch.brokerNetNotional = o.brokerNetNotional;
    if (watch.traded !== o.traded) this.setTraded(watch, o.traded, nowMsc);
    if (this.current.concentration.enabled) {
      this.ledger.assess(concentrationReading(o, this.current.concentration, this.context), nowMsc);
    }
  }

  observeGroup(o: GroupObservation, nowMsc: TimeMsc): void {
    for (const reading of groupReadings(o, this.current, this.context)) this.ledger.assess(reading, nowMsc);
  }

  observeRegion(o: RegionObservation, nowMsc: TimeMsc): void {
    for (const reading of regionReadings(o, this.current, this.context)) this.ledger.assess(reading, nowMsc);
  }

  observeTick(o: TickObservation, nowMsc: TimeMsc): void {
    const watch = this.symbol(o.server, o.symbol);
    const feed = this.feed(o.server);
    if (feed.latestTickMsc === null || o.timeMsc > feed.latestTickMsc) feed.latestTickMsc = o.timeMsc;
    if (watch.lastTickMsc === null || o.timeMsc > watch.lastTickMsc) watch.lastTickMsc = o.timeMsc;
    if (this.stale.has(watch)) this.assessStale(watch, o.timeMsc, nowMsc);
    if (this.current.volatility.enabled) {
      watch.prices.record(o.timeMsc, o.mid, this.current.volatility);
      this.assessVolatility(watch, o.timeMsc, nowMsc);
    }
  }

  observeAccount(o: AccountObservation, nowMsc: TimeMsc): void {
    if (this.current.margin.enabled) this.ledger.assess(marginReading(o, this.current.margin, this.context), nowMsc);
  }

  observeDeal(o: DealObservation, nowMsc: TimeMsc): void {
    const money = this.current.largeMoney.enabled ? largeMoneyReading(o, this.current.largeMoney, this.context) : null;
    if (money) this.ledger.raiseOnce(money, nowMsc);
    const deal = this.current.largeDeal.enabled ? largeDealReading(o, this.current.largeDeal) : null;
    if (deal) this.ledger.raiseOnce(deal, nowMsc);
  }

  observeServer(o: ServerObservation, nowMsc: TimeMsc): void {
    let watch = this.servers.get(o.server);
    if (!watch) {
      watch = { observation: o, notLiveSinceMsc: null };
      this.servers.set(o.server, watch);
    }
    watch.observation = o;
    const live = o.state === 'live' || o.state === 'lagging';
    if (live) watch.notLiveSinceMsc = null;
    else watch.notLiveSinceMsc ??= nowMsc;
    this.assessServer(watch, nowMsc);
  }

  /** The time-driven rules and snooze expiry; call about once a second with the desk's clock. */
  evaluate(nowMsc: TimeMsc): void {
    if (this.current.staleFeed.enabled) {
      for (const [server, feed] of this.feeds) {
        const serverNow = feed.latestTickMsc;
        if (serverNow === null) continue;
        for (const watch of feed.traded) {
          watch.lastTickMsc ??= serverNow;
          // A closed market is not a stale feed: judge it as fresh.
          const at = this.inSession(server, watch.symbol, serverNow) ? serverNow : watch.lastTickMsc;
          this.assessStale(watch, at, nowMsc);
        }
        // Alerts restored or left on symbols nobody holds any more clear once the server is ticking.
        for (const watch of this.stale)
          if (watch.server === server && !watch.traded) this.assessStale(watch, watch.lastTickMsc ?? serverNow, nowMsc);
      }
    }
    if (this.current.volatility.enabled) {
      for (const watch of this.spiking) {
        const serverNow = this.feeds.get(watch.server)?.latestTickMsc;
        if (serverNow != null) this.assessVolatility(watch, serverNow, nowMsc);
      }
    }
    if (this.current.server.enabled) {
      for (const watch of this.servers.values()) if (watch.notLiveSinceMsc !== null) this.assessServer(watch, nowMsc);
    }
    this.ledger.wake(nowMsc);
  }

  acknowledge(key: string, by: string, nowMsc: TimeMsc): AlertActionResult {
    return this.ledger.acknowledge(key, by, nowMsc);
  }

  /** Silences an alert until `untilMsc`; it re-opens then if its condition still holds. */
  snooze(key: string, by: string, untilMsc: TimeMsc, nowMsc: TimeMsc): AlertActionResult {
    return this.ledger.snooze(key, by, untilMsc, nowMsc);
  }

  /** Resolves by hand; a condition still breached stays silent until it clears or gets worse. */
  resolve(key: string, by: string, nowMsc: TimeMsc): AlertActionResult {
    return this.ledger.resolve(key, by, nowMsc);
  }

  /** The active alerts (open, acknowledged, snoozed), as copies. */
  alerts(): Alert[] {
    return this.ledger.list();
  }

  find(key: string): Alert | undefined {
    return this.ledger.find(key);
  }

  /** Changes and refreshed alerts since the last drain, in the order they happened. */
  drain(): AlertDrain {
    return this.ledger.drain();
  }

  private symbol(server: ServerId, symbol: string): SymbolWatch {
    const id = `${server}:${symbol}`;
    let watch = this.symbols.get(id);
    if (!watch) {
      watch = { server, symbol, brokerNetNotional: null, traded: false, lastTickMsc: null, prices: new SymbolPrices() };
      this.symbols.set(id, watch);
    }
    return watch;
  }

  private feed(server: ServerId): ServerFeed {
    let feed = this.feeds.get(server);
    if (!feed) {
      feed = { latestTickMsc: null, traded: new Set() };
      this.feeds.set(server, feed);
    }
    return feed;
  }

  private setTraded(watch: SymbolWatch, traded: boolean, nowMsc: TimeMsc): void {
    watch.traded = traded;
    const feed = this.feed(watch.server);
    if (traded) {
      feed.traded.add(watch);
      // The stale clock of a symbol that never ticked starts when it becomes traded.
      watch.lastTickMsc ??= feed.latestTickMsc;
    } else {
      feed.traded.delete(watch);
      if (this.stale.has(watch)) this.assessStale(watch, watch.lastTickMsc ?? 0, nowMsc);
    }
  }

  private assessStale(watch: SymbolWatch, serverNowMsc: TimeMsc, nowMsc: TimeMsc): void {
    const subject = { ...watch, lastTickMsc: watch.lastTickMsc ?? serverNowMsc };
    this.track(
      this.stale,
      watch,
      staleFeedReading(subject, serverNowMsc, this.current.staleFeed, this.context),
      nowMsc,
    );
  }

  private assessVolatility(watch: SymbolWatch, serverNowMsc: TimeMsc, nowMsc: TimeMsc): void {
    this.track(
      this.spiking,
      watch,
      volatilityReading(watch, serverNowMsc, this.current.volatility, this.context),
      nowMsc,
    );
  }

  private assessServer(watch: ServerWatch, nowMsc: TimeMsc): void {
    if (!this.current.server.enabled) return;
    const reading = serverReading(watch, nowMsc, this.current.server, this.context);
    if (reading) this.ledger.assess(reading, nowMsc);
  }

  /** Applies a time-dependent reading and keeps `set` = the symbols whose alert of that rule is active. */
  private track(set: Set<SymbolWatch>, watch: SymbolWatch, reading: Reading | null, nowMsc: TimeMsc): void {
    if (reading) this.ledger.assess(reading, nowMsc);
    const key = reading?.key;
    if (key !== undefined && this.ledger.levelOf(key) !== null) set.add(watch);
    else if (key !== undefined) set.delete(watch);
  }
}
