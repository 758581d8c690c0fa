/** Words and numbers of the toxic-flow panel, kept out of the components so they can be tested. */
import type { RoutingBook, ToxicRow } from '../../../shared/routing';
import { DETECTOR_NAMES, type ToxicDetector, type ToxicScore } from '../../../shared/toxic';

export const detectorName = (detector: ToxicDetector): string => DETECTOR_NAMES[detector];

/** "0.87" — scores are 0…1 and two decimals are what a dealer compares. */
export const formatScore = (score: number): string => score.toFixed(2);

/** The flags of a row in short, strongest first: "latency arbitrage, scalping". */
export function flagsText(row: Pick<ToxicRow, 'flagged' | 'scores'>): string {
  return [...row.flagged]
    .sort((a, b) => (row.scores[b] ?? 0) - (row.scores[a] ?? 0))
    .map(detectorName)
    .join(', ');
}

/** A detector's measure against its threshold: shares as percentages, returns in bps. */
export function measureText(score: Pick<ToxicScore, 'detector' | 'value' | 'threshold'>): string {
  const bps = score.detector === 'sharp-winner';
  const f = (v: number) => (bps ? `${v.toFixed(1)} bps` : `${(v * 100).toFixed(0)}%`);
  return `${f(score.value)} (threshold ${f(score.threshold)})`;
}

export type RoutingChoice =
  | { kind: 'none'; why: string }
  | { kind: 'apply' | 'override'; book: RoutingBook; needsReason: boolean; label: string };

/**
 * What a dealer may do with a row: apply the recommendation (one click), or route the other way
 * with a reason. Nothing while a change is waiting for the server, or when the group has no twin.
 */
export function routingChoices(row: ToxicRow): RoutingChoice[] {
  if (row.pendingBook !== null)
    return [{ kind: 'none', why: `Waiting for the server: moving to the ${row.pendingBook}-book.` }];
  if (row.book === null)
    return [{ kind: 'none', why: `Group ${row.group} has no A/B twin in the routing map; an admin maps it first.` }];
  const other: RoutingBook = row.book === 'A' ? 'B' : 'A';
  if (row.recommendation !== row.book) {
    return [{ kind: 'apply', book: row.recommendation, needsReason: false, label: `Apply ${row.recommendation}-book` }];
  }
  return [{ kind: 'override', book: other, needsReason: true, label: `Move to ${other}-book (override)` }];
}

/** A holding time in the unit a dealer reads it: "850 ms", "12.4 s", "3.5 min", "2.0 h". */
export function formatHold(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
