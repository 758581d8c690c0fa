import { describe, expect, it } from 'vitest';
import { emptyFilters } from '../stores/desk-store';
import { isDeskFilterActive, matchesDeskFilter } from './desk-filter';

const position = { server: 'mt5-eu', group: 'real\\pro-usd', login: 100234, symbol: 'EURUSD' };
const account = { server: 'mt5-eu', group: 'real\\pro-usd', login: 100234 };

describe('desk filter', () => {
  it('is inactive when empty or blank', () => {
    expect(isDeskFilterActive(emptyFilters)).toBe(false);
    expect(isDeskFilterActive({ ...emptyFilters, symbol: '  ' })).toBe(false);
    expect(isDeskFilterActive({ ...emptyFilters, login: '100' })).toBe(true);
  });
  it('matches server exactly, group and symbol by part, login by leading digits', () => {
    expect(matchesDeskFilter(position, { ...emptyFilters, server: 'mt5-eu' })).toBe(true);
    expect(matchesDeskFilter(position, { ...emptyFilters, server: 'mt5' })).toBe(false);
    expect(matchesDeskFilter(position, { ...emptyFilters, group: 'PRO' })).toBe(true);
    expect(matchesDeskFilter(position, { ...emptyFilters, group: 'demo' })).toBe(false);
    expect(matchesDeskFilter(position, { ...emptyFilters, symbol: 'eur' })).toBe(true);
    expect(matchesDeskFilter(position, { ...emptyFilters, symbol: 'XAU' })).toBe(false);
    expect(matchesDeskFilter(position, { ...emptyFilters, login: '1002' })).toBe(true);
    expect(matchesDeskFilter(position, { ...emptyFilters, login: '234' })).toBe(false);
  });
  it('leaves accounts alone on the symbol filter', () => {
    expect(matchesDeskFilter(account, { ...emptyFilters, symbol: 'XAU' })).toBe(true);
  });
});
