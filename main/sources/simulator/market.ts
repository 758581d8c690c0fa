/**
 * The market runs ahead of the server's price feed. The walk (feed.ts) is the market as a
 * liquidity provider sees it; the server publishes each of its ticks `horizon` ticks later, in the
 * same order and at the same prices. Ordinary clients only ever see the published quote. Informed
 * ones see more: a latency arbitrageur's faster feed shows a jump a few ticks before the server
 * publishes it, a news trader's calendar says when a volatile spell begins, and a sharp winner
 * knows where a price will be a couple of minutes on.
 *
 * Running ahead changes nothing in the stream itself: the walk draws the same numbers in the same
 * order as when each tick was computed at its turn, and only the quotes are held back.
 */
import type { Tick } from '../../../shared/domain';
import type { SymbolInfo } from './catalog';
import type { PriceFeed } from './feed';

/** What the market tells the informed traders as each tick is computed, before it is published. */
export interface MarketWatcher {
  /**
   * Published tick `index` will jump past the symbol's quote before it: a deal at that older
   * quote (a buy for `action` 0, a sell for 1) is `edgeSpreads` spreads in profit at the new one.
   */
  sharpMove(index: number, symbol: SymbolInfo, action: 0 | 1, edgeSpreads: number): void;
  /** Published tick `index` opens a volatile spell of the symbol; `midBefore` is its mid just before. */
  spellStarts(index: number, symbol: SymbolInfo, midBefore: number): void;
}

export class MarketAhead {
  /** Quotes computed and not yet published, in a ring: symbol index, bid and spread in points. */
  private readonly ringSymbol: Uint16Array;
  private readonly ringBid: Float64Array;
  private readonly ringSpread: Float64Array;
  /** Per symbol: the newest computed quote (the market now) and the newest published one. */
  private readonly aheadBid: Float64Array;
  private readonly aheadSpread: Float64Array;
  private readonly shownBid: Float64Array;
  private readonly shownSpread: Float64Array;
  /** Index of the next tick to publish; the ring holds indices `published` .. `published + horizon - 1`. */
  private publishedCount = 0;
  private watcher: MarketWatcher | undefined;

  constructor(
    private readonly feed: PriceFeed,
    private readonly symbols: readonly SymbolInfo[],
    readonly horizon: number,
  ) {
    if (!(horizon >= 1 && Number.isInteger(horizon))) throw new Error('market horizon must be a whole number of ticks');
    this.ringSymbol = new Uint16Array(horizon);
    this.ringBid = new Float64Array(horizon);
    this.ringSpread = new Float64Array(horizon);
    const n = symbols.length;
    this.aheadBid = new Float64Array(n);
    this.aheadSpread = new Float64Array(n);
    this.shownBid = new Float64Array(n);
    this.shownSpread = new Float64Array(n);
    for (const s of symbols) {
      const opening = feed.initialTick(s, 0);
      const bid = Math.round(opening.bid * s.scale);
      this.aheadBid[s.index] = this.shownBid[s.index] = bid;
      this.aheadSpread[s.index] = this.shownSpread[s.index] = s.spreadPoints;
    }
  }

  /** Computes the first `horizon` ticks, telling `watcher` about each; call once, before publishing. */
  start(watcher: MarketWatcher): void {
    this.watcher = watcher;
    for (let index = 0; index < this.horizon; index++) this.compute(index);
  }

  /** Index of the next tick `publish` hands out. */
  get published(): number {
    return this.publishedCount;
  }

  /** The opening quote of a symbol, before any tick. */
  initialTick(symbol: SymbolInfo, timeMsc: number): Tick {
    return this.quote(symbol, this.shownBid[symbol.index] as number, this.shownSpread[symbol.index] as number, timeMsc);
  }

  /** Publishes the oldest computed tick, stamped `timeMsc`, and computes the one `horizon` ahead. */
  publish(timeMsc: number): { symbol: SymbolInfo; tick: Tick } {
    const slot = this.publishedCount % this.horizon;
    const symbol = this.symbols[this.ringSymbol[slot] as number] as SymbolInfo;
    const bid = this.ringBid[slot] as number;
    const spread = this.ringSpread[slot] as number;
    this.shownBid[symbol.index] = bid;
    this.shownSpread[symbol.index] = spread;
    this.publishedCount++;
    this.compute(this.publishedCount + this.horizon - 1);
    return { symbol, tick: this.quote(symbol, bid, spread, timeMsc) };
  }

  /** Mid price of the symbol's newest computed quote: where the market is `horizon` ticks from now. */
  futureMid(symbol: SymbolInfo): number {
    return this.midOf(symbol, this.aheadBid, this.aheadSpread);
  }

  /** Mid price of the symbol's published quote. */
  shownMid(symbol: SymbolInfo): number {
    return this.midOf(symbol, this.shownBid, this.shownSpread);
  }

  /** The published spread, in price units. */
  shownSpreadPrice(symbol: SymbolInfo): number {
    return (this.shownSpread[symbol.index] as number) / symbol.scale;
  }

  /**
   * A market shock: the price jumps by `fraction` now and stays there, so every quote already
   * computed moves with it. Returns the tick to publish at once (the published mid moved, the
   * spread doubled as in a volatile spell). Draws nothing from the seeded stream.
   */
  shock(symbol: SymbolInfo, fraction: number, timeMsc: number): Tick {
    this.feed.shock(symbol, fraction);
    const index = symbol.index;
    const floor = symbol.spreadPoints * 4;
    const moved = (bid: number, spread: number) =>
      Math.round(Math.max((bid + spread / 2) * (1 + fraction), floor) - spread / 2);
    for (let slot = 0; slot < this.horizon; slot++) {
      if (this.ringSymbol[slot] !== index) continue;
      this.ringBid[slot] = moved(this.ringBid[slot] as number, this.ringSpread[slot] as number);
    }
    this.aheadBid[index] = moved(this.aheadBid[index] as number, this.aheadSpread[index] as number);
    const spread = symbol.spreadPoints * 2;
    const bid = moved(this.shownBid[index] as number, spread);
    this.shownBid[index] = bid;
    this.shownSpread[index] = spread;
    return this.quote(symbol, bid, spread, timeMsc);
  }

  /** Computes published tick `index` (the ring's free slot) and tells the watcher what it means. */
  private compute(index: number): void {
    const slot = index % this.horizon;
    const feed = this.feed;
    const symbol = feed.nextSymbol();
    feed.step(symbol);
    const i = symbol.index;
    const bid = feed.bidPoints;
    const spread = feed.spreadPoints;
    const beforeBid = this.aheadBid[i] as number;
    const beforeSpread = this.aheadSpread[i] as number;
    this.ringSymbol[slot] = i;
    this.ringBid[slot] = bid;
    this.ringSpread[slot] = spread;
    this.aheadBid[i] = bid;
    this.aheadSpread[i] = spread;
    const watcher = this.watcher;
    if (watcher === undefined) return;
    if (feed.spellStarted) watcher.spellStarts(index, symbol, (beforeBid + beforeSpread / 2) / symbol.scale);
    // A buy at the older ask that the new bid already beats, or a sell at the older bid above the new ask.
    const buyEdge = bid - (beforeBid + beforeSpread);
    const sellEdge = beforeBid - (bid + spread);
    if (buyEdge > 0) watcher.sharpMove(index, symbol, 0, buyEdge / beforeSpread);
    else if (sellEdge > 0) watcher.sharpMove(index, symbol, 1, sellEdge / beforeSpread);
  }

  private midOf(symbol: SymbolInfo, bids: Float64Array, spreads: Float64Array): number {
    return ((bids[symbol.index] as number) + (spreads[symbol.index] as number) / 2) / symbol.scale;
  }

  private quote(symbol: SymbolInfo, bidPoints: number, spreadPoints: number, timeMsc: number): Tick {
    return {
      symbol: symbol.spec.symbol,
      timeMsc,
      bid: bidPoints / symbol.scale,
      ask: (bidPoints + spreadPoints) / symbol.scale,
    };
  }
}
