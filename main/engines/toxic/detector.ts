/**
 * What a detector is: a pure function of an account's window of closed trades, split so the
 * window can keep it current incrementally. `tally` says what one trade adds to the account's
 * running sums (taken back when the trade leaves the window); `judge` reads the sums; `why` says
 * why one trade is evidence. None of them sees anything but trades and settings.
 */
import type { ToxicDetector, ToxicSettings } from '../../../shared/toxic';
import type { ClosedTrade } from './trade';

export interface Verdict {
  enabled: boolean;
  /** Enough trades in the window to judge. */
  judged: boolean;
  flagged: boolean;
  /** The flag argues for the A-book. */
  toxic: boolean;
  /** 0 … 1, 1 = at or past every threshold. */
  score: number;
  value: number;
  threshold: number;
  summary: string;
}

export interface Detector {
  readonly id: ToxicDetector;
  /** Length of the vector `tally` returns. */
  readonly size: number;
  tally(trade: ClosedTrade, settings: ToxicSettings): readonly number[];
  /** `sums` is the element-wise sum of the tallies of the `trades` trades in the window. */
  judge(sums: readonly number[], trades: number, settings: ToxicSettings): Verdict;
  /** Why the trade counts as evidence for this detector, or null when it does not. */
  why(trade: ClosedTrade, settings: ToxicSettings): string | null;
}

/** The common gate: enabled, and at least `minTrades` closed trades in the window. */
export function gate(
  enabled: boolean,
  trades: number,
  settings: ToxicSettings,
): Pick<Verdict, 'enabled' | 'judged'> & { reason: string | null } {
  if (!enabled) return { enabled, judged: false, reason: 'disabled' };
  if (trades < settings.minTrades) {
    return { enabled, judged: false, reason: `not judged: ${trades} of ${settings.minTrades} closed trades` };
  }
  return { enabled, judged: true, reason: null };
}

/** A verdict that says nothing: disabled or too few trades. */
export function unjudged(g: { enabled: boolean; reason: string | null }, value: number, threshold: number): Verdict {
  return {
    enabled: g.enabled,
    judged: false,
    flagged: false,
    toxic: false,
    score: 0,
    value,
    threshold,
    summary: g.reason ?? '',
  };
}

/** How close `value` is to `threshold` (more is worse), 0 … 1. */
export const towards = (value: number, threshold: number): number =>
  threshold <= 0 ? 1 : Math.max(0, Math.min(1, value / threshold));

export const routesToABook = (id: ToxicDetector, settings: ToxicSettings): boolean =>
  settings.routing.aBookDetectors.includes(id);
