/** The client drawer's timeline: kinds in words, and the filter chips' counts. */
import type { TimelineItem } from '../../../shared/actions';

export type TimelineKind = TimelineItem['kind'];

export const timelineKindLabels: Record<TimelineKind, string> = {
  deal: 'Deal',
  money: 'Money',
  action: 'Action',
  alert: 'Alert',
  routing: 'Routing',
};

export const timelineKinds = Object.keys(timelineKindLabels) as TimelineKind[];

export function countByKind(items: readonly TimelineItem[]): Record<TimelineKind, number> {
  const counts = { deal: 0, money: 0, action: 0, alert: 0, routing: 0 };
  for (const item of items) counts[item.kind]++;
  return counts;
}

/** Newest first whatever order the items came in (the core sends them so; a merge must keep it). */
export function newestFirst(items: readonly TimelineItem[]): TimelineItem[] {
  return [...items].sort((a, b) => b.atMsc - a.atMsc);
}

/** React keys from what an item says (the contract gives timeline items no id); repeats get a count. */
export function keyTimeline(items: readonly TimelineItem[]): { key: string; item: TimelineItem }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = `${item.atMsc}|${item.kind}|${item.server}|${item.login}|${item.title}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { key: n === 0 ? base : `${base}#${n}`, item };
  });
}
