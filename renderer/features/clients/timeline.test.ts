import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../../shared/actions';
import { countByKind, keyTimeline, newestFirst } from './timeline';

const item = (atMsc: number, kind: TimelineItem['kind'], title = 't'): TimelineItem => ({
  atMsc,
  kind,
  server: 'sim-1',
  login: 1,
  title,
  detail: '',
});

describe('timeline', () => {
  it('orders newest first and counts by kind', () => {
    const items = [item(1, 'deal'), item(3, 'money'), item(2, 'deal')];
    expect(newestFirst(items).map((i) => i.atMsc)).toEqual([3, 2, 1]);
    expect(countByKind(items)).toEqual({ deal: 2, money: 1, action: 0, alert: 0, routing: 0 });
  });
  it('gives identical items distinct keys', () => {
    const keys = keyTimeline([item(1, 'deal'), item(1, 'deal'), item(2, 'deal')]).map((k) => k.key);
    expect(new Set(keys).size).toBe(3);
  });
});
