/**
 * Times the desk itself stamps (actions, the audit trail) are true epoch milliseconds, unlike MT5
 * server times (see formatServerTime): they read in the operator's own clock.
 */
const pad2 = (n: number) => String(n).padStart(2, '0');

export function formatDeskTime(msc: number | null | undefined): string {
  if (typeof msc !== 'number' || !Number.isFinite(msc) || msc <= 0) return '—';
  const d = new Date(msc);
  const date = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
  return `${date} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** A `datetime-local` field's value ("2025-01-06T08:30") → epoch ms, or undefined when empty or unreadable. */
export function parseLocalDateTime(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
