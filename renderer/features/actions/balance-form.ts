/**
 * The balance dialog's pure parts: reading an amount as typed (to echo it back, the core parses it
 * again and decides), counting what is left of the deal comment for the note, and one request id
 * per operation so a double click or a resend is the same operation.
 */
import type { BalanceKind } from '../../../shared/actions';

/** MT5 keeps 31 characters of a deal comment (32 with the terminator; MT5-PROTOCOL.md). */
export const DEAL_COMMENT_CHARS = 31;
/**
 * What the desk puts before the note: the CRM transaction id and a space ("K7QX2-123 "). The
 * contract does not say how long the next id is, so this is the renderer's assumption (an id of up
 * to 10 characters), used only to count: the dialog never blocks on it, and the core's refusal of a
 * note that does not fit says exactly how much room there is.
 */
export const COMMENT_PREFIX_CHARS = 11;
export const NOTE_CHARS = DEAL_COMMENT_CHARS - COMMENT_PREFIX_CHARS;

/** Characters of the note still free (negative: that many too many). Counted in code points, as MT5 does. */
export function noteCharsLeft(note: string, max = NOTE_CHARS): number {
  return max - [...note].length;
}

export function describeNoteLeft(note: string, max = NOTE_CHARS): string {
  const left = noteCharsLeft(note, max);
  if (left >= 0) return `${left} of ${max} characters left`;
  return `${-left} character${left === -1 ? '' : 's'} too many`;
}

export type ParsedAmount = { ok: true; cents: number } | { ok: false; message: string };

const PLAIN_AMOUNT = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/;

/**
 * An amount as typed ("1500", "1500.25", "-20.5" for a correction), in cents. Thousands separators
 * and more than two decimals are refused here too, so the echo never shows what the core would refuse.
 */
export function parseAmount(text: string, kind: BalanceKind): ParsedAmount {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Type an amount.' };
  const match = PLAIN_AMOUNT.exec(trimmed);
  if (!match) return { ok: false, message: 'Digits with up to two decimals, e.g. 1500.25 (no separators).' };
  const [, sign, whole, frac = ''] = match;
  if (sign && kind !== 'correction') return { ok: false, message: 'Only a correction carries a sign.' };
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return { ok: false, message: 'The amount is too large.' };
  if (cents === 0) return { ok: false, message: 'The amount must not be zero.' };
  return { ok: true, cents: sign === '-' ? -cents : cents };
}

/** The amount's effect on the account as a dealer reads it: a withdrawal takes money out. */
export function signedCents(kind: BalanceKind, cents: number): number {
  return kind === 'withdrawal' || kind === 'credit-out' ? -Math.abs(cents) : cents;
}

export interface RequestIdSlot {
  /** What the operation was when its id was made. */
  content: string;
  id: string;
}

/**
 * The id to send: the same as last time while the operation is the same (a double click, a resend
 * after a lost reply), a fresh one as soon as the dealer changes anything.
 */
export function requestIdFor(slot: RequestIdSlot | null, content: string, newId: () => string): RequestIdSlot {
  return slot && slot.content === content ? slot : { content, id: newId() };
}

/** crypto.randomUUID where the page is a secure context (127.0.0.1 and app:// are). */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
