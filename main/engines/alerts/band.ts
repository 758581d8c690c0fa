/**
 * Levels with hysteresis: the one place that decides whether a measured value raises, holds,
 * escalates, de-escalates or clears an alert.
 *
 * A level is entered when the value crosses its threshold, and left only when the value comes
 * back past the threshold by more than the margin (hysteresis × |threshold|). So a value that
 * oscillates around a limit raises one alert and keeps it, instead of opening and closing it on
 * every tick.
 */
import type { AlertLevel } from '../../../shared/alerts';

/** `above`: larger is worse (notional, lag). `below`: smaller is worse (margin level). */
export type Direction = 'above' | 'below';

export interface Band {
  warn: number;
  critical: number;
  direction: Direction;
  /** Fraction of each threshold by which the value must come back to leave its level. */
  hysteresis: number;
}

const RANK = { none: 0, warn: 1, critical: 2 } as const;

export const levelRank = (level: AlertLevel | null): number => RANK[level ?? 'none'];

export const higherLevel = (a: AlertLevel | null, b: AlertLevel | null): AlertLevel | null =>
  levelRank(a) >= levelRank(b) ? a : b;

const lowerLevel = (a: AlertLevel | null, b: AlertLevel | null): AlertLevel | null =>
  levelRank(a) <= levelRank(b) ? a : b;

/**
 * The level a value stands at, given the level its alert holds now (null: no alert).
 * Upward moves take effect at the threshold; downward moves only past the margin.
 */
export function bandLevel(value: number, band: Band, current: AlertLevel | null): AlertLevel | null {
  const beyond = (threshold: number, slack: number): boolean =>
    band.direction === 'above' ? value >= threshold - slack : value <= threshold + slack;
  const levelWith = (margin: number): AlertLevel | null => {
    if (beyond(band.critical, margin * Math.abs(band.critical))) return 'critical';
    if (beyond(band.warn, margin * Math.abs(band.warn))) return 'warn';
    return null;
  };
  const crossed = levelWith(0);
  if (current === null) return crossed;
  // Hold what the alert has as long as the value is within the margin of that level's threshold.
  return higherLevel(crossed, lowerLevel(current, levelWith(band.hysteresis)));
}

export const thresholdOf = (band: Pick<Band, 'warn' | 'critical'>, level: AlertLevel | null): number =>
  level === 'critical' ? band.critical : band.warn;
