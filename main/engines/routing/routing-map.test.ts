import { describe, expect, it } from 'vitest';
import { routingMapSchema } from '../../../shared/routing';
import { RoutingMap } from './routing-map';

const map = new RoutingMap([
  { server: 's1', bBook: 'real\\std', aBook: 'real\\a-book\\std' },
  { server: 's2', bBook: 'real\\std', aBook: 'real\\lp\\std' },
]);

describe('RoutingMap', () => {
  it('reads the flag from the group, per server', () => {
    expect(map.bookOf('s1', 'real\\std')).toBe('B');
    expect(map.bookOf('s1', 'real\\a-book\\std')).toBe('A');
    expect(map.bookOf('s2', 'real\\a-book\\std')).toBe('B');
    expect(map.bookOf('s2', 'real\\lp\\std')).toBe('A');
  });

  it('treats an unmapped group as B-book and not routable', () => {
    expect(map.bookOf('s1', 'real\\vip')).toBe('B');
    expect(map.isMapped('s1', 'real\\vip')).toBe(false);
    expect(map.groupFor('s1', 'real\\vip', 'A')).toBeUndefined();
  });

  it('finds the twin to move to, or the same group when already there', () => {
    expect(map.groupFor('s1', 'real\\std', 'A')).toBe('real\\a-book\\std');
    expect(map.groupFor('s1', 'real\\a-book\\std', 'B')).toBe('real\\std');
    expect(map.groupFor('s1', 'real\\std', 'B')).toBe('real\\std');
  });

  it('replaces the whole map', () => {
    const m = new RoutingMap(map.pairs());
    m.replace([{ server: 's1', bBook: 'x', aBook: 'y' }]);
    expect(m.bookOf('s1', 'real\\a-book\\std')).toBe('B');
    expect(m.bookOf('s1', 'y')).toBe('A');
    expect(m.pairs()).toEqual([{ server: 's1', bBook: 'x', aBook: 'y' }]);
  });
});

describe('routingMapSchema', () => {
  it('refuses a group twinned with itself or used twice on a server', () => {
    const self = routingMapSchema.safeParse([{ server: 's', bBook: 'g', aBook: 'g' }]);
    expect(self.success).toBe(false);
    expect(self.error?.issues[0]?.message).toMatch(/cannot be its own A-book twin/);
    const twice = routingMapSchema.safeParse([
      { server: 's', bBook: 'g', aBook: 'a' },
      { server: 's', bBook: 'h', aBook: 'a' },
    ]);
    expect(twice.error?.issues[0]?.message).toMatch(/a on s is already in pair 1/);
    expect(
      routingMapSchema.safeParse([
        { server: 't', bBook: 'g', aBook: 'a' },
        { server: 's', bBook: 'g', aBook: 'a' },
      ]).success,
    ).toBe(true);
  });
});
