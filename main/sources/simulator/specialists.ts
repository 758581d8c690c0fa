/**
 * The clients the desk's toxic-flow detectors must find. Three of them know something the
 * broker's published feed does not show yet (market.ts):
 * - a latency arbitrageur's faster feed shows a jump a few ticks early; it deals at the server's
 *   stale quote and closes within seconds, once in profit;
 * - a news trader knows when a volatile spell begins (the calendar) and opens in the seconds
 *   around it, before or chasing the first move;
 * - a sharp winner knows where a price will be a couple of minutes on and trades rarely, only
 *   when the move is many spreads, and large.
 * The fourth is systematic: a martingale player opens a small position, doubles it at every grid
 * step the price moves against it (averaging down), banks the basket a few spreads past its
 * break-even, and after a losing basket starts the next one doubled. Out of grid levels it holds
 * on, which is how martingale accounts meet the stop-out.
 */
import type { Login } from '../../../shared/domain';
import { Retcode, UserRights } from '../../../shared/mt5';
import type { TimeMsc, Volume } from '../../../shared/units';
import type { SymbolInfo } from './catalog';
import type { MarketAhead, MarketWatcher } from './market';
import type { ClientBehaviour, SimulatedAccount } from './population';
import type { Rng } from './rng';
import type { Job, Scheduler, TickJob } from './scheduler';
import { volumeForShare } from './sizing';
import type { LiveAccount, LivePosition } from './state';
import type { TradeResult, TradeServer } from './trade-server';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** The arbitrageur takes jumps that put a deal at the stale quote half a spread in profit or more, when not busy. */
const ARBITRAGE_MIN_EDGE_SPREADS = 0.5;
const ARBITRAGE_TAKES = 0.8;
/** How much earlier its feed is than the server's, in seconds: the ticks it acts ahead by. */
const ARBITRAGE_LEAD_S: [number, number] = [0.03, 0.4];
/** Holds after the jump before looking to close, and the longest it waits for a profit. */
const ARBITRAGE_EXIT_MS: [number, number] = [300, 2_500];
const ARBITRAGE_DEADLINE_MS = 20 * SECOND;

/** Seconds around a spell's first tick a news trader opens (calendar-informed before, chasing after). */
const NEWS_OFFSET_S: [number, number] = [-4, 3];
const NEWS_TAKES = 0.8;
const NEWS_SECOND_TRADER = 0.25;
const NEWS_HOLD_MS: [number, number] = [20 * SECOND, 10 * MINUTE];

/** Grid step and profit target in spreads of the published quote; levels double the last one. */
const MARTINGALE_GRID_SPREADS = 8;
const MARTINGALE_TARGET_SPREADS = 4;
const MARTINGALE_LEVELS = 6;
/** After losing baskets the next starts at 2^losses times the base, up to this many doublings. */
const MARTINGALE_MAX_DOUBLINGS = 3;
const MARTINGALE_MAX_BASKET_MS = 60 * MINUTE;
const MARTINGALE_LOOK_MS: [number, number] = [3 * SECOND, 20 * SECOND];
const MARTINGALE_STARTS = 0.6;

/** A sharp winner compares a few symbols and trades the one set to move most, if it is far enough. */
const SHARP_CANDIDATES = 4;
const SHARP_MIN_SPREADS = 10;
const SHARP_LOOK_MS: [number, number] = [1 * MINUTE, 6 * MINUTE];
const SHARP_MAX_OPEN = 2;

const MAX_OPEN = 3;

export interface SpecialistFloor {
  rng: Rng;
  server: TradeServer;
  market: MarketAhead;
  /** Work by virtual time, and work due just before a published tick (by its index). */
  scheduler: Scheduler<Job>;
  tickJobs: Scheduler<TickJob>;
  ticksPerSecond: number;
  foresightMs: number;
  symbols: readonly SymbolInfo[];
  /** A symbol as clients pick them: the ones that tick most, most often. */
  popularSymbol(): SymbolInfo;
  now(): TimeMsc;
}

/** One martingale player's current basket. */
interface Basket {
  symbol: SymbolInfo;
  action: 0 | 1;
  /** Its positions: one per level in hedging, the one position in netting. */
  tickets: number[];
  levels: number;
  lastPrice: number;
  lastVolume: Volume;
  openedAt: TimeMsc;
}

export class Specialists implements MarketWatcher {
  private readonly byBehaviour = new Map<ClientBehaviour, Login[]>();
  private readonly appetites = new Map<Login, number>();
  private readonly baskets = new Map<Login, Basket>();
  private readonly losingStreaks = new Map<Login, number>();
  /** Positions each specialist opened and may still hold: its limits count these, not what it was seeded with. */
  private readonly own = new Map<Login, number[]>();

  constructor(
    private readonly floor: SpecialistFloor,
    accounts: readonly SimulatedAccount[],
  ) {
    for (const a of accounts) {
      if (a.behaviour === 'coverage') continue;
      this.appetites.set(a.login, a.appetite);
      const list = this.byBehaviour.get(a.behaviour) ?? [];
      list.push(a.login);
      this.byBehaviour.set(a.behaviour, list);
    }
  }

  /** Schedules each martingale player's and sharp winner's first look at the market. */
  start(): void {
    const { rng, scheduler } = this.floor;
    const now = this.floor.now();
    for (const login of this.logins('martingale')) {
      scheduler.schedule(now + Math.floor(rng.range(0, MINUTE)), { kind: 'martingale', login });
    }
    for (const login of this.logins('sharp-winner')) {
      scheduler.schedule(now + Math.floor(rng.range(0, 3 * MINUTE)), { kind: 'sharp', login });
    }
  }

  // ── what the market tells them ahead of the feed ───────────────────────────────────────────

  sharpMove(index: number, symbol: SymbolInfo, action: 0 | 1, edgeSpreads: number): void {
    if (edgeSpreads < ARBITRAGE_MIN_EDGE_SPREADS || this.logins('latency-arb').length === 0) return;
    const { rng } = this.floor;
    if (!rng.chance(ARBITRAGE_TAKES)) return;
    const lead = Math.max(1, Math.round(rng.range(...ARBITRAGE_LEAD_S) * this.floor.ticksPerSecond));
    const at = Math.max(index - lead, this.floor.market.published);
    this.floor.tickJobs.schedule(at, { kind: 'arbitrage', symbol: symbol.index, action, jumpIndex: index });
  }

  spellStarts(index: number, symbol: SymbolInfo, midBefore: number): void {
    if (this.logins('news').length === 0) return;
    const { rng } = this.floor;
    if (!rng.chance(NEWS_TAKES)) return;
    const traders = rng.chance(NEWS_SECOND_TRADER) ? 2 : 1;
    for (let k = 0; k < traders; k++) {
      const offset = Math.round(rng.range(...NEWS_OFFSET_S) * this.floor.ticksPerSecond);
      const at = Math.max(index + offset, this.floor.market.published);
      this.floor.tickJobs.schedule(at, { kind: 'news', symbol: symbol.index, spellIndex: index, midBefore });
    }
  }

  /** Work due just before the next published tick. */
  runTickJob(job: TickJob): void {
    const symbol = this.floor.symbols[job.symbol] as SymbolInfo;
    if (job.kind === 'arbitrage') this.arbitrage(symbol, job.action, job.jumpIndex);
    else this.tradeNews(symbol, job.spellIndex, job.midBefore);
  }

  /** Work due by virtual time; false when the job is not theirs. */
  runJob(job: Job): boolean {
    switch (job.kind) {
      case 'arbitrage-exit':
        this.exitArbitrage(job.ticket, job.deadline);
        return true;
      case 'martingale':
        this.lookAtBasket(job.login);
        return true;
      case 'sharp':
        this.lookForSharpTrade(job.login);
        return true;
      default:
        return false;
    }
  }

  // ── latency arbitrage ──────────────────────────────────────────────────────────────────────

  private arbitrage(symbol: SymbolInfo, action: 0 | 1, jumpIndex: number): void {
    const { rng, market } = this.floor;
    const account = this.freeAccount('latency-arb', symbol, MAX_OPEN);
    if (account === undefined) return;
    const result = this.open(account, symbol, action, this.appetite(account) * rng.range(0.5, 1.5));
    if (result.position === undefined) return;
    const untilJump = ((jumpIndex - market.published) / this.floor.ticksPerSecond) * SECOND;
    const now = this.floor.now();
    const at = now + Math.floor(untilJump + rng.logUniform(...ARBITRAGE_EXIT_MS));
    this.floor.scheduler.schedule(at, {
      kind: 'arbitrage-exit',
      ticket: result.position.ticket,
      deadline: now + ARBITRAGE_DEADLINE_MS,
    });
  }

  /** Closes once the position shows a profit, or at the deadline. */
  private exitArbitrage(ticket: number, deadline: TimeMsc): void {
    const { server, rng } = this.floor;
    const p = server.position(ticket);
    if (p === undefined) return;
    const account = server.account(p.login);
    if (account === undefined) return;
    const now = this.floor.now();
    if (!this.canTrade(account)) {
      // Trading was disabled under it: a plain close job waits it out like anyone else's.
      this.floor.scheduler.schedule(now + 60 * MINUTE, { kind: 'close', ticket });
      return;
    }
    const floating = server.valuation.floatingProfit(p, account.group.spec.currency);
    if (floating > 0 || now >= deadline) {
      server.close(ticket);
      return;
    }
    this.floor.scheduler.schedule(now + Math.floor(rng.range(500, 1_500)), {
      kind: 'arbitrage-exit',
      ticket,
      deadline,
    });
  }

  // ── news ───────────────────────────────────────────────────────────────────────────────────

  private tradeNews(symbol: SymbolInfo, spellIndex: number, midBefore: number): void {
    const { rng, market } = this.floor;
    const account = this.freeAccount('news', symbol, MAX_OPEN);
    if (account === undefined) return;
    // Before the release it is a bet; once the spell is on the screen, it chases the first move.
    const move = market.published > spellIndex ? market.shownMid(symbol) - midBefore : 0;
    const action: 0 | 1 = move > 0 ? 0 : move < 0 ? 1 : rng.chance(0.5) ? 0 : 1;
    const result = this.open(account, symbol, action, this.appetite(account) * rng.range(0.5, 1.5));
    if (result.position !== undefined) this.closeAfter(result.position.ticket, rng.logUniform(...NEWS_HOLD_MS));
  }

  // ── martingale ─────────────────────────────────────────────────────────────────────────────

  private lookAtBasket(login: Login): void {
    const { rng, server, market } = this.floor;
    this.floor.scheduler.schedule(this.floor.now() + Math.floor(rng.logUniform(...MARTINGALE_LOOK_MS)), {
      kind: 'martingale',
      login,
    });
    const account = server.account(login);
    if (account === undefined || !this.canTrade(account)) return;
    const basket = this.baskets.get(login);
    const positions = basket === undefined ? [] : this.basketPositions(basket);
    if (basket === undefined || positions.length === 0) {
      // A basket the stop-out took, or none yet: maybe start one.
      if (basket !== undefined) {
        this.baskets.delete(login);
        this.lost(login);
      }
      if (rng.chance(MARTINGALE_STARTS)) this.startBasket(account);
      return;
    }
    const { symbol, action } = basket;
    const sign = action === 0 ? 1 : -1;
    const spread = market.shownSpreadPrice(symbol);
    let volume = 0;
    let cost = 0;
    for (const p of positions) {
      volume += p.volume;
      cost += p.volume * p.priceOpen;
    }
    const gain = sign * (server.valuation.closingPrice(symbol, action) - cost / volume);
    const against = sign * (basket.lastPrice - server.valuation.openingPrice(symbol, action));
    const tooOld = this.floor.now() - basket.openedAt > MARTINGALE_MAX_BASKET_MS;
    if (gain >= MARTINGALE_TARGET_SPREADS * spread || (tooOld && gain > 0)) {
      this.closeBasket(login, positions);
      this.losingStreaks.set(login, 0);
    } else if (against >= MARTINGALE_GRID_SPREADS * spread && basket.levels < MARTINGALE_LEVELS) {
      const next = Math.min(basket.lastVolume * 2, symbol.spec.volumeMax);
      const result = server.execute({ login, symbol, action, volume: next });
      if (result.retcode !== Retcode.REQUEST_DONE || result.deal === undefined) return;
      basket.levels++;
      basket.lastPrice = result.deal.price;
      basket.lastVolume = next;
      const ticket = result.position?.ticket;
      if (ticket !== undefined && !basket.tickets.includes(ticket)) basket.tickets.push(ticket);
    } else if (tooOld) {
      // Out of grid levels it hopes for the turn (the stop-out may come first); after an hour it gives up.
      this.closeBasket(login, positions);
      this.lost(login);
    }
  }

  private startBasket(account: LiveAccount): void {
    const { rng, server } = this.floor;
    const symbol = this.floor.popularSymbol();
    if (!account.group.hedging && account.positions.some((p) => p.symbol === symbol)) return;
    const action: 0 | 1 = rng.chance(0.5) ? 0 : 1;
    const doublings = Math.min(this.losingStreaks.get(account.login) ?? 0, MARTINGALE_MAX_DOUBLINGS);
    const base = volumeForShare(server, account, symbol, action, this.appetite(account));
    const volume = Math.min(base * 2 ** doublings, symbol.spec.volumeMax);
    if (volume < symbol.spec.volumeMin) return;
    const result = server.execute({ login: account.login, symbol, action, volume });
    if (result.position === undefined || result.deal === undefined) return;
    this.baskets.set(account.login, {
      symbol,
      action,
      tickets: [result.position.ticket],
      levels: 1,
      lastPrice: result.deal.price,
      lastVolume: volume,
      openedAt: this.floor.now(),
    });
  }

  /** The basket's positions still open. */
  private basketPositions(basket: Basket): LivePosition[] {
    const held: LivePosition[] = [];
    for (const ticket of basket.tickets) {
      const p = this.floor.server.position(ticket);
      if (p !== undefined && p.action === basket.action) held.push(p);
    }
    return held;
  }

  private closeBasket(login: Login, held: readonly LivePosition[]): void {
    for (const p of held) this.floor.server.close(p.ticket);
    this.baskets.delete(login);
  }

  private lost(login: Login): void {
    this.losingStreaks.set(login, (this.losingStreaks.get(login) ?? 0) + 1);
  }

  // ── sharp winners ──────────────────────────────────────────────────────────────────────────

  private lookForSharpTrade(login: Login): void {
    const { rng, server, market } = this.floor;
    this.floor.scheduler.schedule(this.floor.now() + Math.floor(rng.logUniform(...SHARP_LOOK_MS)), {
      kind: 'sharp',
      login,
    });
    const account = server.account(login);
    if (account === undefined || !this.canTrade(account) || this.ownOpen(login) >= SHARP_MAX_OPEN) return;
    let best: SymbolInfo | undefined;
    let bestMove = 0;
    for (let k = 0; k < SHARP_CANDIDATES; k++) {
      const symbol = this.floor.popularSymbol();
      if (!account.group.hedging && account.positions.some((p) => p.symbol === symbol)) continue;
      const move = (market.futureMid(symbol) - market.shownMid(symbol)) / market.shownSpreadPrice(symbol);
      if (Math.abs(move) > Math.abs(bestMove)) {
        best = symbol;
        bestMove = move;
      }
    }
    if (best === undefined || Math.abs(bestMove) < SHARP_MIN_SPREADS) return;
    const result = this.open(account, best, bestMove > 0 ? 0 : 1, this.appetite(account) * rng.range(0.5, 1.5));
    if (result.position !== undefined) {
      this.closeAfter(result.position.ticket, this.floor.foresightMs * rng.range(0.8, 1));
    }
  }

  // ── shared ─────────────────────────────────────────────────────────────────────────────────

  private logins(behaviour: ClientBehaviour): readonly Login[] {
    return this.byBehaviour.get(behaviour) ?? [];
  }

  /** One of the behaviour's accounts, picked at random, if it can take another position in the symbol. */
  private freeAccount(behaviour: ClientBehaviour, symbol: SymbolInfo, maxOpen: number): LiveAccount | undefined {
    const logins = this.logins(behaviour);
    if (logins.length === 0) return undefined;
    const account = this.floor.server.account(this.floor.rng.pick(logins));
    if (account === undefined || !this.canTrade(account) || this.ownOpen(account.login) >= maxOpen) return undefined;
    // In netting a second deal in a held symbol would change that position, not open another.
    if (!account.group.hedging && account.positions.some((p) => p.symbol === symbol)) return undefined;
    return account;
  }

  private open(account: LiveAccount, symbol: SymbolInfo, action: 0 | 1, share: number): TradeResult {
    const volume = volumeForShare(this.floor.server, account, symbol, action, share);
    if (volume < symbol.spec.volumeMin) return { retcode: Retcode.REQUEST_NO_MONEY };
    const result = this.floor.server.execute({ login: account.login, symbol, action, volume });
    if (result.position !== undefined) {
      const own = this.own.get(account.login) ?? [];
      own.push(result.position.ticket);
      this.own.set(account.login, own);
    }
    return result;
  }

  /** How many of the positions the specialist opened are still open (forgetting the closed ones). */
  private ownOpen(login: Login): number {
    const own = this.own.get(login);
    if (own === undefined) return 0;
    const open = own.filter((ticket) => this.floor.server.position(ticket) !== undefined);
    this.own.set(login, open);
    return open.length;
  }

  private closeAfter(ticket: number, ms: number): void {
    this.floor.scheduler.schedule(this.floor.now() + Math.floor(ms), { kind: 'close', ticket });
  }

  private appetite(account: LiveAccount): number {
    return this.appetites.get(account.login) ?? 0.03;
  }

  private canTrade(account: LiveAccount): boolean {
    return (account.rights & UserRights.TRADE_DISABLED) === 0;
  }
}
