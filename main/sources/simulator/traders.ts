/**
 * The clients' side of the simulation: what each behaviour does when its turn comes. Ordinary
 * traders hold minutes to days and sometimes use pending orders, partial closes and locks;
 * scalpers hold seconds; hedgers open opposite positions on two linked accounts of one client.
 * The specialists (arbitrageurs, news traders, martingale players, sharp winners) act on their
 * own triggers instead of turns (specialists.ts). The CRM side moves money in and out. Every
 * decision goes through the trade server like a real client's request would.
 */
import type { Login } from '../../../shared/domain';
import { DealAction, OrderType, Retcode, UserRights } from '../../../shared/mt5';
import type { Money, TimeMsc, Volume } from '../../../shared/units';
import type { Catalog, SymbolInfo } from './catalog';
import type { DealerOperations } from './dealer-operations';
import type { Behaviour, SimulatedAccount } from './population';
import type { Rng } from './rng';
import type { Scheduler } from './scheduler';
import { roundDown, volumeForShare } from './sizing';
import type { LiveAccount, LivePosition } from './state';
import type { FilledOrder, TradeResult, TradeServer } from './trade-server';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The behaviours that trade in turns; the others act on their own triggers (specialists.ts). */
type TurnTaker = Extract<Behaviour, 'ordinary' | 'scalper' | 'hedger'>;

/** How long each behaviour keeps a position, [min, max] spread log-uniformly. */
const HOLD: Record<TurnTaker, [number, number]> = {
  ordinary: [2 * MINUTE, 3 * DAY],
  scalper: [3 * SECOND, 2 * MINUTE],
  // Hedgers churn volume for a bonus: opposite positions held minutes to a couple of hours.
  hedger: [MINUTE, 2 * HOUR],
};
const SEEDED_HOLD: [number, number] = [10 * MINUTE, 5 * DAY];
/** Most positions an account keeps open before it closes instead of opening. */
const MAX_OPEN: Record<TurnTaker, number> = { ordinary: 6, scalper: 3, hedger: 6 };
const MAX_PENDING = 3;
/** Who acts next: scalpers trade far more often than their share of accounts. */
const TURN_WEIGHTS = { ordinary: 50, scalper: 40, hedger: 10 };

export interface TradingFloor {
  rng: Rng;
  catalog: Catalog;
  server: TradeServer;
  operations: DealerOperations;
  scheduler: Scheduler;
  now(): TimeMsc;
}

export class Traders {
  private readonly profiles = new Map<Login, SimulatedAccount>();
  private readonly ordinary: Login[] = [];
  private readonly scalpers: Login[] = [];
  private readonly hedgerPairs: [Login, Login][] = [];
  private readonly clientLogins: Login[] = [];
  private readonly popularity: number[];
  private moneyOperations = 0;

  constructor(
    private readonly floor: TradingFloor,
    accounts: readonly SimulatedAccount[],
  ) {
    for (const a of accounts) {
      this.profiles.set(a.login, a);
      if (a.behaviour === 'coverage') continue;
      this.clientLogins.push(a.login);
      if (a.behaviour === 'ordinary') this.ordinary.push(a.login);
      else if (a.behaviour === 'scalper') this.scalpers.push(a.login);
      else if (a.behaviour === 'hedger' && a.partner !== undefined && a.partner > a.login)
        this.hedgerPairs.push([a.login, a.partner]);
    }
    let total = 0;
    this.popularity = floor.catalog.symbols.map((s) => {
      total += s.tickWeight;
      return total;
    });
  }

  /** One client's turn: open, add, reduce, lock or place an order, depending on who it is. */
  takeTurn(): void {
    const { rng } = this.floor;
    const who = rng.weighted(['ordinary', 'scalper', 'hedger'] as const, [
      this.ordinary.length > 0 ? TURN_WEIGHTS.ordinary : 0,
      this.scalpers.length > 0 ? TURN_WEIGHTS.scalper : 0,
      this.hedgerPairs.length > 0 ? TURN_WEIGHTS.hedger : 0,
    ]);
    if (who === 'hedger' && this.hedgerPairs.length > 0) this.hedge(rng.pick(this.hedgerPairs));
    else if (who === 'scalper' && this.scalpers.length > 0) this.scalp(rng.pick(this.scalpers));
    else if (this.ordinary.length > 0) this.trade(rng.pick(this.ordinary));
  }

  /** One of the positions the book starts with: long holds, ordinary sizes, on any client account. */
  seedPosition(): void {
    const { rng } = this.floor;
    for (let attempt = 0; attempt < 3; attempt++) {
      const account = this.floor.server.account(rng.pick(this.clientLogins));
      if (account === undefined) continue;
      const held = new Set(account.positions.map((p) => p.symbol));
      const symbol = this.popularSymbol();
      // A netting account holds one position per symbol; seeding another would just resize it.
      if (!account.group.hedging && held.has(symbol)) continue;
      const result = this.open(account, symbol, rng.chance(0.5) ? 0 : 1, rng.range(0.01, 0.05));
      if (result.position !== undefined) {
        this.closeLater(result.position.ticket, SEEDED_HOLD);
        return;
      }
    }
  }

  /** A deposit, withdrawal, bonus or correction from the CRM, through the same checks as a dealer's. */
  moveMoney(): void {
    const { rng, server, operations } = this.floor;
    const login = rng.pick(this.clientLogins);
    const account = server.account(login);
    const profile = this.profiles.get(login);
    if (account === undefined || profile === undefined) return;
    const kind = rng.weighted(['deposit', 'withdrawal', 'bonus', 'correction'] as const, [
      50,
      32,
      profile.behaviour === 'hedger' ? 30 : 8,
      4,
    ]);
    let action: number = DealAction.BALANCE;
    let amount: Money;
    if (kind === 'deposit') amount = wholeUnits(profile.initialDeposit * rng.range(0.05, 0.5));
    else if (kind === 'withdrawal') amount = -wholeUnits(Math.max(account.balance, 0) * rng.range(0.05, 0.4));
    else if (kind === 'bonus') {
      action = DealAction.BONUS;
      amount = wholeUnits(profile.initialDeposit * rng.range(0.05, 0.3));
    } else {
      action = DealAction.CORRECTION;
      amount = wholeUnits(rng.range(-50, 50) * 100);
    }
    if (amount === 0) return;
    const id = String(++this.moneyOperations).padStart(7, '0');
    const prefix = { deposit: 'DEP', withdrawal: 'WDR', bonus: 'BON', correction: 'COR' }[kind];
    operations.applyBalance({
      kind: 'balance',
      login,
      action,
      amount,
      comment: `CRM-${prefix}-${id}`,
      checkMargin: true,
    });
  }

  /** A trader's planned exit: a full close, now and then a partial one, or a close-by on a lock. */
  closeWhenDue(ticket: number): void {
    const { rng, server } = this.floor;
    const p = server.position(ticket);
    if (p === undefined) return;
    const account = server.account(p.login);
    if (account === undefined) return;
    if ((account.rights & UserRights.TRADE_DISABLED) !== 0) {
      this.floor.scheduler.schedule(this.floor.now() + HOUR, { kind: 'close', ticket });
      return;
    }
    const behaviour = this.behaviourOf(p.login);
    // Specialists leave in one go: their exit is part of the plan that opened the position.
    if (behaviour !== 'ordinary' && behaviour !== 'scalper' && behaviour !== 'hedger') {
      server.close(p.ticket);
      return;
    }
    const hold = HOLD[behaviour];
    if (account.group.hedging && rng.chance(0.6)) {
      const lock = account.positions.find((x) => x.symbol === p.symbol && x.action !== p.action);
      if (lock !== undefined) {
        const result = server.closeBy(p.ticket, lock.ticket);
        if (result.position !== undefined) this.closeLater(result.position.ticket, hold);
        return;
      }
    }
    const half = roundDown(p.volume / 2, p.symbol.spec.volumeStep);
    if (rng.chance(0.2) && half >= p.symbol.spec.volumeMin) {
      const result = server.close(p.ticket, half);
      if (result.position !== undefined) this.closeLater(result.position.ticket, hold);
      return;
    }
    server.close(p.ticket);
  }

  /** A pending order filled: its new position gets a planned exit like any other. */
  onFilled(fills: readonly FilledOrder[]): void {
    for (const { order, result } of fills) {
      if (result.position !== undefined) this.closeLater(result.position.ticket, HOLD[this.turnTaker(order.login)]);
    }
  }

  cancelWhenDue(ticket: number): void {
    if (this.floor.server.order(ticket) !== undefined) this.floor.server.cancelOrder(ticket);
  }

  behaviourOf(login: Login): Exclude<Behaviour, 'coverage'> {
    const behaviour = this.profiles.get(login)?.behaviour ?? 'ordinary';
    return behaviour === 'coverage' ? 'ordinary' : behaviour;
  }

  /** Pending orders are placed by ordinary traders only; anyone else's fill is held like theirs. */
  private turnTaker(login: Login): TurnTaker {
    const behaviour = this.behaviourOf(login);
    return behaviour === 'scalper' || behaviour === 'hedger' ? behaviour : 'ordinary';
  }

  private trade(login: Login): void {
    const { rng } = this.floor;
    const account = this.tradable(login);
    if (account === undefined) return;
    if (account.positions.length >= MAX_OPEN.ordinary) {
      this.closeOldest(account);
      return;
    }
    const roll = rng.next();
    if (roll < 0.18 && account.orders.length < MAX_PENDING) {
      this.placePending(account);
      return;
    }
    const held = account.positions.length > 0 ? rng.pick(account.positions) : undefined;
    if (held !== undefined && account.group.hedging && roll < 0.26) {
      // A lock: the opposite side of a position already held, later undone with close-by.
      this.schedule(
        this.floor.server.execute({
          login,
          symbol: held.symbol,
          action: held.action === 0 ? 1 : 0,
          volume: held.volume,
        }),
        'ordinary',
      );
      return;
    }
    if (held !== undefined && !account.group.hedging && roll < 0.36) {
      // Trading a held symbol in netting adds (IN), reduces (OUT) or reverses (INOUT) the position.
      const volume = roundDown(held.volume * rng.range(0.3, 2.5), held.symbol.spec.volumeStep);
      if (volume < held.symbol.spec.volumeMin) return;
      this.schedule(
        this.floor.server.execute({ login, symbol: held.symbol, action: rng.chance(0.5) ? 0 : 1, volume }),
        'ordinary',
      );
      return;
    }
    this.schedule(this.open(account, this.popularSymbol(), rng.chance(0.5) ? 0 : 1), 'ordinary');
  }

  private scalp(login: Login): void {
    const account = this.tradable(login);
    if (account === undefined) return;
    if (account.positions.length >= MAX_OPEN.scalper) {
      this.closeOldest(account);
      return;
    }
    this.schedule(this.open(account, this.popularSymbol(), this.floor.rng.chance(0.5) ? 0 : 1), 'scalper');
  }

  /** Both linked accounts take opposite sides of the same symbol and volume, and leave together. */
  private hedge([first, second]: [Login, Login]): void {
    const { rng, server } = this.floor;
    const a = this.tradable(first);
    const b = this.tradable(second);
    if (a === undefined || b === undefined) return;
    if (a.positions.length >= MAX_OPEN.hedger || b.positions.length >= MAX_OPEN.hedger) return;
    const symbol = this.popularSymbol();
    const share = this.profiles.get(first)?.appetite ?? 0.05;
    const volume = Math.min(this.volumeFor(a, symbol, 0, share), this.volumeFor(b, symbol, 1, share));
    if (volume < symbol.spec.volumeMin) return;
    const side = rng.chance(0.5) ? 0 : 1;
    const one = server.execute({ login: first, symbol, action: side, volume });
    if (one.retcode !== Retcode.REQUEST_DONE) return;
    const other = server.execute({ login: second, symbol, action: side === 0 ? 1 : 0, volume });
    const at = this.floor.now() + Math.floor(rng.logUniform(...HOLD.hedger));
    for (const result of [one, other]) {
      if (result.position !== undefined)
        this.floor.scheduler.schedule(at, { kind: 'close', ticket: result.position.ticket });
    }
  }

  private placePending(account: LiveAccount): void {
    const { rng, server } = this.floor;
    const symbol = this.popularSymbol();
    const type = rng.pick([OrderType.BUY_LIMIT, OrderType.SELL_LIMIT, OrderType.BUY_STOP, OrderType.SELL_STOP]);
    const isBuy = type === OrderType.BUY_LIMIT || type === OrderType.BUY_STOP;
    const volume = this.volumeFor(account, symbol, isBuy ? 0 : 1, this.profiles.get(account.login)?.appetite ?? 0.03);
    const quote = server.valuation;
    const market = isBuy ? quote.openingPrice(symbol, 0) : quote.openingPrice(symbol, 1);
    const distance = (symbol.spreadPoints * rng.logUniform(2, 60)) / symbol.scale;
    const below = type === OrderType.BUY_LIMIT || type === OrderType.SELL_STOP;
    const price = Math.round((below ? market - distance : market + distance) * symbol.scale) / symbol.scale;
    const placed = server.placeOrder({ login: account.login, symbol, type, volume, price });
    if (placed.order !== undefined) {
      const expiry = this.floor.now() + Math.floor(rng.logUniform(2 * MINUTE, 8 * HOUR));
      this.floor.scheduler.schedule(expiry, { kind: 'cancel', ticket: placed.order.ticket });
    }
  }

  private open(account: LiveAccount, symbol: SymbolInfo, action: 0 | 1, share?: number): TradeResult {
    const appetite = share ?? this.profiles.get(account.login)?.appetite ?? 0.03;
    const volume = this.volumeFor(account, symbol, action, appetite * this.floor.rng.range(0.5, 1.5));
    return this.floor.server.execute({ login: account.login, symbol, action, volume });
  }

  private closeOldest(account: LiveAccount): void {
    const oldest = account.positions[0] as LivePosition;
    this.floor.server.close(oldest.ticket);
  }

  private schedule(result: TradeResult, behaviour: TurnTaker): void {
    if (result.position !== undefined) this.closeLater(result.position.ticket, HOLD[behaviour]);
  }

  private closeLater(ticket: number, [min, max]: [number, number]): void {
    const at = this.floor.now() + Math.floor(this.floor.rng.logUniform(min, max));
    this.floor.scheduler.schedule(at, { kind: 'close', ticket });
  }

  private volumeFor(account: LiveAccount, symbol: SymbolInfo, action: 0 | 1, share: number): Volume {
    return volumeForShare(this.floor.server, account, symbol, action, share);
  }

  private tradable(login: Login): LiveAccount | undefined {
    const account = this.floor.server.account(login);
    if (account === undefined || (account.rights & UserRights.TRADE_DISABLED) !== 0) return undefined;
    return account;
  }

  /** Clients trade what ticks most: EURUSD and gold far more than a single stock. */
  popularSymbol(): SymbolInfo {
    const weights = this.popularity;
    const r = this.floor.rng.next() * (weights[weights.length - 1] as number);
    let i = 0;
    while (i < weights.length - 1 && (weights[i] as number) <= r) i++;
    return this.floor.catalog.symbols[i] as SymbolInfo;
  }
}

const wholeUnits = (cents: number): Money => Math.trunc(cents / 100) * 100;
