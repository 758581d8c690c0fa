/** Leverage as a dealer types it. */
export const COMMON_LEVERAGES = [1, 2, 5, 10, 20, 25, 30, 50, 100, 200, 300, 400, 500, 1000];

/** A leverage as typed ("200" or "1:200") → the number, or null. */
export function parseLeverage(text: string): number | null {
  const match = /^\s*(?:1\s*:\s*)?(\d{1,5})\s*$/.exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  return n >= 1 ? n : null;
}
