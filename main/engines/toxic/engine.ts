/**
 * The toxic-flow engine: consumes what the cache applied (deals and the broker's ticks), rebuilds
 * positions from deals, turns each closing deal into a closed trade and keeps every account's
 * rolling window and detectors current. A tick costs O(opens of that symbol in the last
 * seconds); a deal O(the account's open positions + its linked accounts' windows). Memory per
 * account is its window and its open positions; per symbol, its latest quote and recent opens.
 *
 * Pure: no clock, no I/O, nothing but the events it is given and a lookup of CRM clients.
 */
import type { Deal, Login, ServerId, Tick } from '../../../shared/domain';
import type { SyncEvent } from '../../../shared/events';
import { DealAction, DealEntry } from '../../../shared/mt5';
import {
  DEFAULT_TOXIC_SETTINGS,
  type ToxicDetector,
  type ToxicProfile,
  type ToxicSettings,
} from '../../../shared/toxic';
import type { Verdict } from './detector';
import { DETECTORS } from './detectors';
import { SymbolFeed } from './feed';
import { addEntry, averagesDown, closePart, type OpenPosition, openPosition } from './positions';
import { buildProfile } from './profile';
import type { ClosedTrade, HedgeMatch } from './trade';
import { TradeWindow } from './window';

/** The CRM client owning an account: linked accounts are the other accounts of the same client. */
export type ClientLookup = (server: ServerId, login: Login) => string | null | undefined;

export interface ToxicEngineOptions {
  settings?: ToxicSettings;
  clientOf?: ClientLookup;
}

export interface AccountKey {
  server: ServerId;
  login: Login;
}

interface AccountState {
  readonly server: ServerId;
  readonly login: Login;
  clientId: string | null;
  readonly window: TradeWindow;
  readonly open: Set<OpenPosition>;
  /**
   * Per symbol, the account's latest closed trade and the volume its position opened with: a
   * martingale grows after a loss (volumes of different symbols are not comparable).
   */
  readonly lastClosed: Map<string, { profit: number; volume: number }>;
}

interface ServerState {
  readonly positions: Map<number, OpenPosition>;
  readonly feeds: Map<string, SymbolFeed>;
  readonly accounts: Map<Login, AccountState>;
}

export class ToxicFlowEngine {
  private settings: ToxicSettings;
  private readonly clientOf: ClientLookup;
  private readonly servers = new Map<ServerId, ServerState>();
  private readonly clients = new Map<string, Set<AccountState>>();
  private readonly changed = new Set<AccountState>();
  /** Closing deals of positions the engine never saw open (before it started): not trades. */
  private unmatched = 0;

  constructor(options: ToxicEngineOptions = {}) {
    this.settings = options.settings ?? DEFAULT_TOXIC_SETTINGS;
    this.clientOf = options.clientOf ?? (() => null);
  }

  /** Feeds one applied event; only deals and ticks matter here. */
  apply(event: SyncEvent): void {
    if (event.type === 'tick') this.onTick(event.server, event.tick);
    else if (event.type === 'deal.add') this.onDeal(event.server, event.deal);
  }

  onTick(server: ServerId, tick: Tick): void {
    this.feed(this.serverState(server), tick.symbol).tick(tick.timeMsc, tick.bid, tick.ask, this.settings);
  }

  onDeal(server: ServerId, deal: Deal): void {
    if (deal.symbol === '' || (deal.action !== DealAction.BUY && deal.action !== DealAction.SELL)) return;
    const s = this.serverState(server);
    switch (deal.entry) {
      case DealEntry.IN:
        this.enter(s, server, deal);
        return;
      case DealEntry.OUT:
      case DealEntry.OUT_BY:
        this.exit(s, deal, deal.positionId, deal.volume, deal.profit, deal.commission);
        return;
      case DealEntry.INOUT:
        this.reverse(s, server, deal);
        return;
    }
  }

  /** The account's profile now, or null when it has no closed trade in its window. */
  profile(server: ServerId, login: Login): ToxicProfile | null {
    const account = this.servers.get(server)?.accounts.get(login);
    if (account === undefined || account.window.size === 0) return null;
    return buildProfile({
      server,
      login,
      clientId: account.clientId,
      trades: account.window.trades(),
      detectors: DETECTORS,
      verdicts: account.window.verdicts(this.settings),
      settings: this.settings,
    });
  }

  /** What each detector says of the account, cheaply (no evidence, no metrics). */
  verdicts(server: ServerId, login: Login): Map<ToxicDetector, Verdict> {
    const account = this.servers.get(server)?.accounts.get(login);
    const verdicts = account?.window.verdicts(this.settings) ?? [];
    return new Map(verdicts.map((v, i) => [(DETECTORS[i] as (typeof DETECTORS)[number]).id, v]));
  }

  /** Every account with at least one closed trade. */
  accounts(): AccountKey[] {
    const out: AccountKey[] = [];
    for (const [server, s] of this.servers) {
      for (const a of s.accounts.values()) if (a.window.size > 0) out.push({ server, login: a.login });
    }
    return out;
  }

  /** The account's window of closed trades, oldest first. */
  closedTrades(server: ServerId, login: Login): ClosedTrade[] {
    return this.servers.get(server)?.accounts.get(login)?.window.trades() ?? [];
  }

  /** Accounts whose window changed since the last call: the profiles to recompute and push. */
  takeChanged(): AccountKey[] {
    const out = [...this.changed].map((a) => ({ server: a.server, login: a.login }));
    this.changed.clear();
    return out;
  }

  get currentSettings(): ToxicSettings {
    return this.settings;
  }

  /** New thresholds: every window is re-tallied (measurements already taken stay as they were). */
  updateSettings(settings: ToxicSettings): void {
    this.settings = settings;
    for (const s of this.servers.values()) {
      for (const a of s.accounts.values()) {
        a.window.resettle(settings);
        if (a.window.size > 0) this.changed.add(a);
      }
    }
  }

  /** The CRM changed who owns which account: look every known account up again. */
  relinkClients(): void {
    this.clients.clear();
    for (const s of this.servers.values()) for (const a of s.accounts.values()) this.link(a);
  }

  get stats(): { accounts: number; openPositions: number; unmatchedCloses: number } {
    let accounts = 0;
    let openPositions = 0;
    for (const s of this.servers.values()) {
      accounts += s.accounts.size;
      openPositions += s.positions.size;
    }
    return { accounts, openPositions, unmatchedCloses: this.unmatched };
  }

  // ── deals to trades ────────────────────────────────────────────────────────────────────────

  private enter(s: ServerState, server: ServerId, deal: Deal): void {
    const held = s.positions.get(deal.positionId);
    if (held !== undefined) {
      // Netting: an IN on the position's own side adds to it.
      if (held.side === deal.action) addEntry(held, deal);
      return;
    }
    const account = this.account(s, server, deal.login);
    const side: 0 | 1 = deal.action === DealAction.BUY ? 0 : 1;
    // Hedging: a new position beside one on the same side that is under water averages it down.
    let beside: OpenPosition | undefined;
    for (const p of account.open) {
      if (
        p.symbol === deal.symbol &&
        p.side === side &&
        (beside === undefined || p.lastEntryMsc >= beside.lastEntryMsc)
      )
        beside = p;
    }
    let averaging: number | null = null;
    let afterLoss: number | null = null;
    if (beside !== undefined) {
      if (averagesDown(side, deal.price, beside.lastEntryPrice) && beside.lastEntryVolume > 0)
        averaging = deal.volume / beside.lastEntryVolume;
    } else {
      const last = account.lastClosed.get(deal.symbol);
      if (last !== undefined && last.profit < 0 && last.volume > 0) afterLoss = deal.volume / last.volume;
    }
    const watch = this.feed(s, deal.symbol).watch(deal.timeMsc, side);
    const position = openPosition(server, deal, watch, averaging, afterLoss);
    s.positions.set(position.positionId, position);
    account.open.add(position);
  }

  private exit(
    s: ServerState,
    deal: Deal,
    positionId: number,
    volume: number,
    profit: number,
    commission: number,
  ): void {
    const p = s.positions.get(positionId);
    if (p === undefined) {
      this.unmatched++;
      return;
    }
    const account = s.accounts.get(p.login) as AccountState;
    const hedge = this.hedgeOf(account, p, deal.timeMsc);
    const trade = closePart(p, deal, volume, profit, commission, hedge);
    if (p.volume <= 0) {
      s.positions.delete(positionId);
      account.open.delete(p);
    }
    account.lastClosed.set(p.symbol, { profit: trade.profit, volume: p.firstVolume });
    account.window.add(trade, this.settings);
    this.changed.add(account);
  }

  /** Netting INOUT: closes the whole position, opens the rest the other way under the order's ticket. */
  private reverse(s: ServerState, server: ServerId, deal: Deal): void {
    const p = s.positions.get(deal.positionId);
    if (p === undefined) {
      // Without the old volume the split between closed and opened is unknown.
      this.unmatched++;
      return;
    }
    const closed = p.volume;
    const closingCommission = deal.volume > 0 ? Math.round((deal.commission * closed) / deal.volume) : 0;
    this.exit(s, deal, deal.positionId, closed, deal.profit, closingCommission);
    const rest = deal.volume - closed;
    if (rest > 0) {
      this.enter(s, server, {
        ...deal,
        entry: DealEntry.IN,
        positionId: deal.order,
        volume: rest,
        commission: deal.commission - closingCommission,
      });
    }
  }

  // ── linked accounts ────────────────────────────────────────────────────────────────────────

  /**
   * The position of a linked account that held the other side of `p` longest while it was open
   * (up to `closeMsc`): its own open positions and the closed trades in its window.
   */
  private hedgeOf(account: AccountState, p: OpenPosition, closeMsc: number): HedgeMatch | null {
    if (account.clientId === null || !this.settings.hedging.enabled) return null;
    const linked = this.clients.get(account.clientId);
    if (linked === undefined || linked.size < 2) return null;
    const life = Math.max(1, closeMsc - p.openTimeMsc);
    let best: HedgeMatch | null = null;
    const consider = (other: AccountState, positionId: number, from: number, to: number) => {
      const overlap = (Math.min(to, closeMsc) - Math.max(from, p.openTimeMsc)) / life;
      if (overlap > 0 && (best === null || overlap > best.overlap)) {
        best = { server: other.server, login: other.login, positionId, overlap: Math.min(1, overlap) };
      }
    };
    for (const other of linked) {
      if (other === account) continue;
      for (const q of other.open) {
        if (q.symbol === p.symbol && q.side !== p.side) consider(other, q.positionId, q.openTimeMsc, closeMsc);
      }
      other.window.forEach((t) => {
        if (t.symbol === p.symbol && t.side !== p.side && t.closeTimeMsc > p.openTimeMsc)
          consider(other, t.positionId, t.openTimeMsc, t.closeTimeMsc);
      });
    }
    return best;
  }

  private link(a: AccountState): void {
    a.clientId = this.clientOf(a.server, a.login) ?? null;
    if (a.clientId === null) return;
    let accounts = this.clients.get(a.clientId);
    if (accounts === undefined) {
      accounts = new Set();
      this.clients.set(a.clientId, accounts);
    }
    accounts.add(a);
  }

  // ── state ──────────────────────────────────────────────────────────────────────────────────

  private serverState(server: ServerId): ServerState {
    let s = this.servers.get(server);
    if (s === undefined) {
      s = { positions: new Map(), feeds: new Map(), accounts: new Map() };
      this.servers.set(server, s);
    }
    return s;
  }

  private feed(s: ServerState, symbol: string): SymbolFeed {
    let f = s.feeds.get(symbol);
    if (f === undefined) {
      f = new SymbolFeed();
      s.feeds.set(symbol, f);
    }
    return f;
  }

  private account(s: ServerState, server: ServerId, login: Login): AccountState {
    let a = s.accounts.get(login);
    if (a === undefined) {
      a = {
        server,
        login,
        clientId: null,
        window: new TradeWindow(DETECTORS, this.settings.windowTrades),
        open: new Set(),
        lastClosed: new Map(),
      };
      s.accounts.set(login, a);
      this.link(a);
    }
    return a;
  }
}
