/**
 * Strict parsers for the Web API's scalars, which arrive as JSON strings ("764636", "1.10868")
 * and sometimes as numbers. Anything else (empty, "NaN", "1e3", "12abc", a float where an integer
 * belongs) throws a ScalarError naming the field, so the caller can dead-letter the record
 * instead of putting a NaN in the grid.
 */
export class ScalarError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`${field}: expected ${expected}, got ${JSON.stringify(value)?.slice(0, 60) ?? String(value)}`);
    this.name = 'ScalarError';
  }
}

const INTEGER = /^-?\d{1,16}$/;
const DECIMAL = /^-?\d{1,16}(\.\d{1,12})?$/;

function text(field: string, value: unknown, expected: string): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new ScalarError(field, value, expected);
}

/** A whole number within the safe range: tickets, logins, enums, msc times, Volume/VolumeExt. */
export function int(field: string, value: unknown): number {
  const s = text(field, value, 'an integer');
  if (!INTEGER.test(s)) throw new ScalarError(field, value, 'an integer');
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new ScalarError(field, value, 'a safe integer');
  return n;
}

/** A plain decimal (no exponent, no hex, no Infinity): prices, amounts, rates, contract sizes. */
export function decimal(field: string, value: unknown): number {
  const s = text(field, value, 'a decimal number');
  // Numbers JSON gave us print as exponent form below 1e-6; accept those only when they came as numbers.
  if (typeof value === 'number' || DECIMAL.test(s)) return Number(s);
  throw new ScalarError(field, value, 'a decimal number');
}

/** A string field; missing is empty, a non-string is an error. */
export function str(field: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new ScalarError(field, value, 'a string');
}
