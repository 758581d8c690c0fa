/** A toxic profile as a row of the toxic-flow panel (shared/routing.ts). */
import type { RoutingBook, ToxicRow } from '../../shared/routing';
import type { ToxicDetector, ToxicProfile } from '../../shared/toxic';

export interface RowContext {
  clientName: string;
  group: string;
  currency: string;
  book: RoutingBook | null;
  pendingBook: RoutingBook | null;
}

export function toxicRow(profile: ToxicProfile, context: RowContext): ToxicRow {
  const scores = {} as Record<ToxicDetector, number>;
  const flagged: ToxicDetector[] = [];
  for (const score of profile.scores) {
    scores[score.detector] = score.score;
    if (score.flagged) flagged.push(score.detector);
  }
  return {
    id: `${profile.server}:${profile.login}`,
    server: profile.server,
    login: profile.login,
    clientId: profile.clientId,
    clientName: context.clientName,
    group: context.group,
    currency: context.currency,
    book: context.book,
    recommendation: profile.recommendation,
    overallScore: profile.overallScore,
    flagged,
    scores,
    reason: profile.reason,
    trades: profile.metrics.trades,
    winRate: profile.metrics.winRate,
    netProfit: profile.metrics.netProfit,
    aBookPnl: profile.counterfactual.aBook,
    bBookPnl: profile.counterfactual.bBook,
    asOfMsc: profile.asOfMsc,
    pendingBook: context.pendingBook,
  };
}

/** Highest overall score first; ties by login so the order is stable between refreshes. */
export const byScore = (a: ToxicRow, b: ToxicRow): number =>
  b.overallScore - a.overallScore || a.server.localeCompare(b.server) || a.login - b.login;
