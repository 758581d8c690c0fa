/**
 * What a dealer typed as an amount, read strictly into integer cents. Money moves on this, so
 * anything that is not plainly a decimal amount is refused with a message the dealer can act on,
 * never guessed at.
 *
 * Accepted: "1500", "1500.5", "1500.50", "1,500.25" (commas only as thousands separators, in
 * groups of three), surrounding spaces, and numbers with at most 2 decimals. A leading "+" or "-"
 * is read, but only a correction may be negative. Refused: "1,50" (a decimal comma is ambiguous),
 * "1.234", "1e3", "abc", NaN, Infinity, zero, and more than 1,000,000,000 (MT5's limit for one
 * balance operation, retcode 4005).
 */
import type { Money } from '../../shared/units';

/** MT5 refuses more than 1e9 units of the account currency in one balance operation. */
export const MAX_AMOUNT_CENTS: Money = 1_000_000_000 * 100;

export type AmountResult = { ok: true; cents: Money } | { ok: false; message: string };

const PLAIN = /^([+-]?)(\d+)(?:\.(\d*))?$/;
const GROUPED = /^([+-]?)(\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/;

/**
 * Parses an amount into cents. `signed`: the amount may be negative (a correction, which fixes an
 * error either way); otherwise it must be positive and its sign comes from the operation's kind.
 */
export function parseAmount(input: string | number, options: { signed: boolean }): AmountResult {
  const shown = typeof input === 'number' ? String(input) : input;
  if (typeof input === 'number' && !Number.isFinite(input)) {
    return refuse(`Amount must be a finite number, got ${shown}.`);
  }
  const text = shown.trim();
  const match = PLAIN.exec(text) ?? GROUPED.exec(text);
  if (!match) {
    if (/^[+-]?\d{1,3},\d{1,2}$/.test(text)) {
      return refuse(`Amount must use a dot for decimals (commas only separate thousands), got '${shown}'.`);
    }
    return refuse(`Amount must be a number with at most 2 decimals, got '${shown}'.`);
  }
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > 2) return refuse(`Amount must have at most 2 decimals, got '${shown}'.`);
  const digits = whole.replaceAll(',', '').replace(/^0+(?=\d)/, '');
  // More than 10 integer digits is above the limit whatever follows; stop before the sum loses precision.
  if (digits.length > 10) return refuse(tooLarge(shown));
  const cents = Number(digits) * 100 + Number(fraction.padEnd(2, '0'));
  if (cents === 0) return refuse(`Amount must not be zero, got '${shown}'.`);
  if (cents > MAX_AMOUNT_CENTS) return refuse(tooLarge(shown));
  if (sign === '-' && !options.signed) {
    return refuse(`Amount must be positive, got '${shown}': the kind of operation gives its direction.`);
  }
  return { ok: true, cents: sign === '-' ? -cents : cents };
}

const tooLarge = (shown: string) =>
  `Amount must be at most 1,000,000,000 (the server's limit for one operation), got '${shown}'.`;

const refuse = (message: string): AmountResult => ({ ok: false, message });
