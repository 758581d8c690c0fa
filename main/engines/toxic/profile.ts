/**
 * An account's toxic profile from its window: the metrics a dealer reads, each detector's score
 * with its evidence trades, the A/B recommendation with its reason, and what the window earned or
 * cost the broker in each book.
 *
 * Recommendation: the A-book when a detector in `routing.aBookDetectors` flags the account (a
 * scalper only when winning), or when its net P&L per trade is consistently positive (t-statistic
 * past `routing.profitableTStat`) and it is not a martingale; the B-book otherwise, and always
 * before `minTrades` closed trades.
 *
 * Counterfactual model (a simple one, on purpose): in the B-book the broker is the client's
 * counterparty, so it makes minus the client's net P&L (profit, swap and commission). In the
 * A-book the trades go to a liquidity provider: the broker keeps the commission it charged plus
 * `routing.aBookMarkupPerLot` per lot traded, and holds no market risk. Both in account cents.
 */
import {
  DETECTOR_NAMES,
  type HoldBucket,
  type ToxicMetrics,
  type ToxicProfile,
  type ToxicScore,
  type ToxicSettings,
} from '../../../shared/toxic';
import { formatMoney } from '../../../shared/units';
import type { Detector, Verdict } from './detector';
import { isHedgedTrade } from './detectors/hedging';
import { movedAfterOpen } from './detectors/latency-arb';
import { martingaleChances, martingaleSteps } from './detectors/martingale';
import { openedNearSpike } from './detectors/news';
import { meanAndT } from './detectors/sharp-winner';
import { type ClosedTrade, holdMsOf, isWin, lotsOf, netOf, returnBpsOf, tradeRef } from './trade';

const BUCKETS: readonly [HoldBucket, number][] = [
  ['<10s', 10_000],
  ['10s-1m', 60_000],
  ['1m-10m', 600_000],
  ['10m-1h', 3_600_000],
  ['1h-1d', 86_400_000],
  ['>1d', Number.POSITIVE_INFINITY],
];

export interface ProfileInput {
  server: string;
  login: number;
  clientId: string | null;
  /** The window, oldest first. */
  trades: readonly ClosedTrade[];
  detectors: readonly Detector[];
  verdicts: readonly Verdict[];
  settings: ToxicSettings;
}

export function buildProfile(input: ProfileInput): ToxicProfile {
  const { trades, settings } = input;
  const scores = input.detectors.map((d, i) => scoreOf(d, input.verdicts[i] as Verdict, trades, settings));
  const metrics = metricsOf(trades, settings);
  const counterfactual = counterfactualOf(trades, settings);
  const overallScore = Math.max(
    0,
    ...scores.filter((s) => settings.routing.aBookDetectors.includes(s.detector)).map((s) => s.score),
  );
  const { recommendation, reason } = recommend(scores, trades, settings);
  return {
    server: input.server,
    login: input.login,
    clientId: input.clientId,
    metrics,
    scores,
    overallScore,
    recommendation,
    reason,
    counterfactual,
    asOfMsc: trades.length > 0 ? (trades[trades.length - 1] as ClosedTrade).closeTimeMsc : 0,
  };
}

function scoreOf(d: Detector, v: Verdict, trades: readonly ClosedTrade[], s: ToxicSettings): ToxicScore {
  const evidence: ToxicScore['evidence'] = [];
  if (v.judged) {
    for (let k = trades.length - 1; k >= 0 && evidence.length < s.evidenceLimit; k--) {
      const t = trades[k] as ClosedTrade;
      const why = d.why(t, s);
      if (why !== null) evidence.push(tradeRef(t, why));
    }
  }
  return { detector: d.id, ...v, value: finite(v.value), evidence };
}

export function metricsOf(trades: readonly ClosedTrade[], s: ToxicSettings): ToxicMetrics {
  const n = trades.length;
  const holdBuckets = Object.fromEntries(BUCKETS.map(([b]) => [b, 0])) as Record<HoldBucket, number>;
  let wins = 0;
  let short = 0;
  let lots = 0;
  let net = 0;
  let bps = 0;
  let moved = 0;
  let near = 0;
  let hedged = 0;
  let steps = 0;
  let chances = 0;
  const holds: number[] = [];
  for (const t of trades) {
    const hold = holdMsOf(t);
    holds.push(hold);
    const bucket = BUCKETS.find(([, under]) => hold < under) as [HoldBucket, number];
    holdBuckets[bucket[0]]++;
    if (isWin(t)) wins++;
    if (hold < s.scalping.shortHoldMs) short++;
    lots += lotsOf(t);
    net += netOf(t);
    bps += returnBpsOf(t);
    if (movedAfterOpen(t, s)) moved++;
    if (openedNearSpike(t, s)) near++;
    if (isHedgedTrade(t, s)) hedged++;
    steps += martingaleSteps(t, s);
    chances += martingaleChances(t);
  }
  holds.sort((a, b) => a - b);
  const share = (k: number) => (n > 0 ? k / n : 0);
  return {
    trades: n,
    winRate: share(wins),
    holdMsMedian: n > 0 ? (holds[Math.floor((n - 1) / 2)] as number) : 0,
    holdBuckets,
    shortHoldShare: share(short),
    lots,
    netProfit: net,
    profitPerLot: lots > 0 ? Math.round(net / lots) : 0,
    meanReturnBps: n > 0 ? bps / n : 0,
    movedAfterOpenShare: share(moved),
    nearSpikeShare: share(near),
    hedgedShare: share(hedged),
    martingaleSteps: steps,
    martingaleChances: chances,
  };
}

export function counterfactualOf(trades: readonly ClosedTrade[], s: ToxicSettings): ToxicProfile['counterfactual'] {
  let clientNet = 0;
  let commission = 0;
  let lots = 0;
  for (const t of trades) {
    clientNet += netOf(t);
    commission += t.commission;
    lots += lotsOf(t);
  }
  return {
    aBook: -commission + Math.round(lots * s.routing.aBookMarkupPerLot),
    bBook: -clientNet,
  };
}

/** Net P&L per trade consistently above zero: positive, with a t-statistic past the setting. */
export function consistentlyProfitable(
  trades: readonly ClosedTrade[],
  s: ToxicSettings,
): { yes: boolean; t: number; net: number } {
  let sum = 0;
  let squares = 0;
  for (const t of trades) {
    const net = netOf(t);
    sum += net;
    squares += net * net;
  }
  const { t } = meanAndT(trades.length, sum, squares);
  return { yes: trades.length >= s.minTrades && sum > 0 && t >= s.routing.profitableTStat, t, net: sum };
}

function recommend(
  scores: readonly ToxicScore[],
  trades: readonly ClosedTrade[],
  s: ToxicSettings,
): Pick<ToxicProfile, 'recommendation' | 'reason'> {
  if (trades.length < s.minTrades) {
    return {
      recommendation: 'B',
      reason: `B-book: not judged yet (${trades.length} of ${s.minTrades} closed trades).`,
    };
  }
  const toxic = scores.filter((x) => x.toxic).map((x) => DETECTOR_NAMES[x.detector]);
  const profitable = consistentlyProfitable(trades, s);
  // A martingale wins small and often until the loss that pays for it all: its profits so far are
  // not the consistent kind, and the B-book is the side that collects the blow-up.
  const martingale = scores.some((x) => x.detector === 'martingale' && x.flagged && !x.toxic);
  if (profitable.yes && !martingale) {
    toxic.push(
      `consistently profitable (net ${formatMoney(profitable.net)} over ${trades.length} trades, t = ${Number.isFinite(profitable.t) ? profitable.t.toFixed(1) : '∞'})`,
    );
  }
  if (toxic.length > 0) return { recommendation: 'A', reason: `A-book: ${toxic.join('; ')}.` };
  const kept = scores.filter((x) => x.flagged).map((x) => DETECTOR_NAMES[x.detector]);
  return {
    recommendation: 'B',
    reason:
      kept.length > 0
        ? `B-book: flagged for ${kept.join(', ')}, flow the B-book is expected to profit from.`
        : 'B-book: no toxic pattern and not consistently profitable.',
  };
}

const finite = (x: number): number => (Number.isFinite(x) ? x : x > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE);
