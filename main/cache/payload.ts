/**
 * Turns whatever a source sent into text for the dead-letter table. It must never throw: a
 * payload that cannot be serialised is exactly the kind the support desk needs to see.
 */

/** Enough to diagnose an event; a runaway payload must not bloat the mirror. */
export const MAX_PAYLOAD_CHARS = 16_384;

export function describePayload(raw: unknown): string {
  const text = toJson(raw) ?? safeString(raw);
  return text.length > MAX_PAYLOAD_CHARS ? `${text.slice(0, MAX_PAYLOAD_CHARS)}…[truncated]` : text;
}

function toJson(raw: unknown): string | undefined {
  const seen = new WeakSet<object>();
  try {
    // JSON would print NaN and Infinity as null, hiding the very reason the event was refused.
    return JSON.stringify(raw, (_key, value: unknown) => {
      if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
      if (typeof value === 'bigint') return `${value}n`;
      if (typeof value === 'function' || typeof value === 'symbol') return `[${typeof value}]`;
      if (value === undefined) return '[undefined]';
      if (typeof value === 'object' && value !== null) {
        // A WeakSet cannot tell a cycle from a shared branch; both print once, which is enough here.
        if (seen.has(value)) return '[repeated]';
        seen.add(value);
      }
      return value;
    });
  } catch {
    // A throwing getter or toJSON: fall back to a plain description.
    return undefined;
  }
}

function safeString(raw: unknown): string {
  try {
    return String(raw);
  } catch {
    // Objects without a prototype (or with a throwing toString) cannot even be stringified.
    return `[unprintable ${typeof raw}]`;
  }
}
