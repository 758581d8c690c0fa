/**
 * The price feed: one random walk per symbol with calm and volatile regimes. Volatile spells move
 * several times faster, widen the spread and now and then jump, which is what the desk's
 * volatility alerts and news-trading detectors look for. The walk is the market itself: the
 * server publishes it some ticks later (market.ts), which is what informed traders exploit.
 */
import type { Tick } from '../../../shared/domain';
import type { SymbolInfo } from './catalog';
import type { Rng } from './rng';

const VOLATILE_MOVE = 4;
const VOLATILE_SPREAD = 3;
/**
 * Per tick of the symbol: a calm spell lasts ~1,000 ticks (a volatile spell per symbol every
 * couple of minutes at the default feed rate), a volatile one ~60. One every minute per symbol
 * buried a risk manager's alerts in volatility warnings; much rarer, and a session of a few
 * hundred thousand events sees no stop-out.
 */
const ENTER_VOLATILE = 0.001;
const LEAVE_VOLATILE = 1 / 60;
const JUMP_CHANCE = 0.01;
/** A weak pull back to the start price keeps a walk of many virtual weeks in a plausible range. */
const MEAN_REVERSION = 2e-5;

interface WalkState {
  /** Mid price in points (fractional; quantised only when quoted). */
  mid: number;
  anchor: number;
  volatile: boolean;
}

export class PriceFeed {
  private readonly walks: WalkState[];
  private readonly cumulativeWeights: number[];
  private readonly totalWeight: number;
  /** The last `step`'s quote, in points, and whether it opened a volatile spell. */
  bidPoints = 0;
  spreadPoints = 0;
  spellStarted = false;

  constructor(
    private readonly symbols: readonly SymbolInfo[],
    private readonly rng: Rng,
  ) {
    this.walks = symbols.map((s) => {
      const mid = s.startPrice * s.scale;
      return { mid, anchor: mid, volatile: false };
    });
    let total = 0;
    this.cumulativeWeights = symbols.map((s) => {
      total += s.tickWeight;
      return total;
    });
    this.totalWeight = total;
  }

  /** Which symbol ticks next, by tick weight. */
  nextSymbol(): SymbolInfo {
    const r = this.rng.next() * this.totalWeight;
    const weights = this.cumulativeWeights;
    let i = 0;
    while (i < weights.length - 1 && (weights[i] as number) <= r) i++;
    return this.symbols[i] as SymbolInfo;
  }

  /**
   * Moves the symbol's walk one step and quotes it into `bidPoints` and `spreadPoints` (no
   * allocation: the market keeps quotes in typed arrays until they are published).
   */
  step(symbol: SymbolInfo): void {
    const walk = this.walks[symbol.index] as WalkState;
    const rng = this.rng;
    const wasVolatile = walk.volatile;
    if (walk.volatile ? rng.chance(LEAVE_VOLATILE) : rng.chance(ENTER_VOLATILE)) walk.volatile = !walk.volatile;
    this.spellStarted = walk.volatile && !wasVolatile;
    let sigma = symbol.volatility * (walk.volatile ? VOLATILE_MOVE : 1);
    if (walk.volatile && rng.chance(JUMP_CHANCE)) sigma *= rng.range(10, 30);
    walk.mid += walk.mid * sigma * rng.gaussian() + (walk.anchor - walk.mid) * MEAN_REVERSION;
    const spread = walk.volatile
      ? Math.round(symbol.spreadPoints * rng.range(1.5, VOLATILE_SPREAD))
      : symbol.spreadPoints;
    const floor = symbol.spreadPoints;
    if (walk.mid < floor * 4) walk.mid = floor * 4; // a price walk must never reach zero
    this.bidPoints = Math.round(walk.mid - spread / 2);
    this.spreadPoints = spread;
  }

  /**
   * A market shock: the price jumps by `fraction` (−0.3 = 30 % down) and stays there, the spell
   * turns volatile. For training scenarios and tests; it draws nothing from the seeded stream.
   */
  shock(symbol: SymbolInfo, fraction: number): void {
    const walk = this.walks[symbol.index] as WalkState;
    walk.mid = Math.max(walk.mid * (1 + fraction), symbol.spreadPoints * 4);
    walk.anchor = walk.mid;
    walk.volatile = true;
  }

  /** The opening quote, before any move. */
  initialTick(symbol: SymbolInfo, timeMsc: number): Tick {
    const bidPoints = Math.round((this.walks[symbol.index] as WalkState).mid - symbol.spreadPoints / 2);
    return {
      symbol: symbol.spec.symbol,
      timeMsc,
      bid: bidPoints / symbol.scale,
      ask: (bidPoints + symbol.spreadPoints) / symbol.scale,
    };
  }
}
