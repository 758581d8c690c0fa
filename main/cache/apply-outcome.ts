/** What applying one event did; numbers rather than strings keep the hot path allocation-free. */
export const APPLIED = 0;
export const DUPLICATE = 1;
export const STALE = 2;
export type Outcome = typeof APPLIED | typeof DUPLICATE | typeof STALE;
