/**
 * Canonical JSON for hashing: the same value always gives the same text, whatever order its keys
 * were written in. Object keys are sorted by UTF-16 code units and numbers and strings are written
 * as JSON.stringify writes them, which is RFC 8785 (JCS) for the values JSON can carry; so a
 * verifier in another language can recompute the audit chain with any JCS library.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * What `value` is as JSON: undefined becomes null, dates their ISO text, class instances their
 * enumerable fields. Throws (TypeError) for what JSON cannot hold: a bigint or a cycle.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

/** The canonical text of a JSON value (see the module comment). */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text with any unpaired surrogate replaced by U+FFFD, as SQLite's UTF-8 storage would: done
 * before hashing, so what is hashed is exactly what is stored and read back.
 */
export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');
