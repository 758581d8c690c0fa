import type { AccountRow } from '../../../shared/rows';

/**
 * Amber starts a little above the margin-call level so a dealer sees an account coming before
 * the server calls it; 1.1 × (e.g. 110% for a 100% call) is the desk's default warning band.
 */
export const NEAR_MARGIN_CALL_FACTOR = 1.1;

export type MarginTone = 'ok' | 'warn' | 'danger';

type MarginFields = Pick<AccountRow, 'marginLevel' | 'marginCallLevel' | 'stopOutLevel' | 'marginState'>;

/** The server's own margin state wins; the level only adds the early warning and covers lag. */
export function marginTone(row: MarginFields): MarginTone {
  const level = row.marginLevel;
  if (row.marginState === 'stop_out') return 'danger';
  if (level !== null && row.stopOutLevel > 0 && level <= row.stopOutLevel) return 'danger';
  if (row.marginState === 'margin_call') return 'warn';
  if (level !== null && row.marginCallLevel > 0 && level <= row.marginCallLevel * NEAR_MARGIN_CALL_FACTOR) {
    return 'warn';
  }
  return 'ok';
}
