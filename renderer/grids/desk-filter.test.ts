import { describe, expect, it } from 'vitest';
import { emptyFilters } from '../stores/desk-store';
import { isDeskFilterActive, matchesDeskFilter, quickSearchOf } from './desk-filter';

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

describe('quickSearchOf', () => {
  const row = {
    id: 'live-1:7',
    server: 'live-1',
    login: 52001,
    clientName: 'Anna Berg',
    symbol: 'EURUSD',
    profit: -1200,
  };
  const fields = ['server', 'login', 'clientName', 'symbol'] as const;

  it('needs every word somewhere in the fields, case-insensitively', () => {
    expect(quickSearchOf<typeof row>('berg eur', fields)?.(row)).toBe(true);
    expect(quickSearchOf<typeof row>('  5200  LIVE ', fields)?.(row)).toBe(true);
    expect(quickSearchOf<typeof row>('berg gbp', fields)?.(row)).toBe(false);
  });

  it('does not look in fields it was not given, and is null for an empty search', () => {
    expect(quickSearchOf<typeof row>('1200', fields)?.(row)).toBe(false);
    expect(quickSearchOf<typeof row>('   ', fields)).toBeNull();
  });
});
