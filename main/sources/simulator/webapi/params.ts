/**
 * A request's parameters: the query string, overridden by a JSON body's keys (MT5-PROTOCOL.md
 * §2.1). Every getter refuses a malformed or missing value with retcode 3, so an endpoint reads
 * what it needs in one line and never sees a NaN.
 */
import { Retcode } from '../../../../shared/mt5';
import { ApiError } from './reply';

const INTEGER = /^-?\d{1,16}$/;
const DECIMAL = /^-?\d{1,16}(\.\d{1,12})?$/;

export class Params {
  constructor(private readonly values: ReadonlyMap<string, string>) {}

  /** Present and not empty. */
  has(name: string): boolean {
    return (this.values.get(name) ?? '').trim() !== '';
  }

  text(name: string, fallback?: string): string {
    const value = this.values.get(name);
    if (value !== undefined) return value;
    if (fallback !== undefined) return fallback;
    throw new ApiError(Retcode.ERR_PARAMS, `${name} is required`);
  }

  int(name: string, fallback?: number): number {
    if (!this.has(name)) {
      if (fallback !== undefined) return fallback;
      throw new ApiError(Retcode.ERR_PARAMS, `${name} is required`);
    }
    return toInt(name, this.text(name));
  }

  decimal(name: string): number {
    const value = this.text(name).trim();
    if (!DECIMAL.test(value)) throw new ApiError(Retcode.ERR_PARAMS, `${name} must be a decimal number`);
    return Number(value);
  }

  /** A comma list of integers (login=a,b; ticket=a,b). */
  ints(name: string): number[] {
    return this.text(name)
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => toInt(name, part));
  }
}

function toInt(name: string, value: string): number {
  const text = value.trim();
  const n = Number(text);
  if (!INTEGER.test(text) || !Number.isSafeInteger(n))
    throw new ApiError(Retcode.ERR_PARAMS, `${name} must be an integer`);
  return n;
}

/** Query parameters, then the body's: a JSON object (keys as sent) or a form-encoded string. */
export function readParams(url: URL, body: string): Params {
  const values = new Map<string, string>(url.searchParams);
  const text = body.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiError(Retcode.ERR_PARAMS, 'body is not JSON');
    }
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        values.set(key, String(value));
    }
  } else if (text !== '') {
    for (const [key, value] of new URLSearchParams(text)) values.set(key, value);
  }
  return new Params(values);
}
