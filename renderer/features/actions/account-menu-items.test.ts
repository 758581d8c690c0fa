import { describe, expect, it } from 'vitest';
import type { AccountRow } from '../../../shared/rows';
import { accountMenuItems } from './account-menu-items';
import { parseLeverage } from './leverage';

const account = (login: number, tradeDisabled = false) => ({ login, tradeDisabled }) as AccountRow;

describe('accountMenuItems', () => {
  it('offers single-account actions on one account, bulk on several', () => {
    const one = accountMenuItems([account(1)], { act: true, read: true });
    expect(one.filter((i) => i.enabled).map((i) => i.command)).toEqual([
      'balance',
      'leverage',
      'group',
      'trading',
      'client',
      'bulk',
    ]);
    const many = accountMenuItems([account(1), account(2)], { act: true, read: true });
    expect(many.filter((i) => i.enabled).map((i) => i.command)).toEqual(['bulk']);
    expect(many.find((i) => i.command === 'bulk')?.label).toBe('Bulk action on 2…');
  });
  it('offers no action to an operator who may not act', () => {
    const items = accountMenuItems([account(1)], { act: false, read: true });
    expect(items.filter((i) => i.enabled).map((i) => i.command)).toEqual(['client']);
  });
  it('says which way trading would go', () => {
    expect(accountMenuItems([account(1, true)], { act: true, read: true })[3]?.label).toBe('Enable trading…');
    expect(accountMenuItems([account(1, false)], { act: true, read: true })[3]?.label).toBe('Disable trading…');
  });
});

describe('parseLeverage', () => {
  it('reads "200" and "1:200"', () => {
    expect(parseLeverage('200')).toBe(200);
    expect(parseLeverage(' 1:500 ')).toBe(500);
    expect(parseLeverage('0')).toBeNull();
    expect(parseLeverage('abc')).toBeNull();
  });
});
