import { describe, expect, it } from 'vitest';
import { openMirror } from '../../../cache';
import { parseEnvelope } from '../protocol/envelope';
import { fixture } from '../test-kit';
import { accountFromWire } from './account';
import { dealFromWire } from './deal';
import { groupFromWire } from './group';
import { orderFromWire } from './order';
import { positionFromWire } from './position';
import type { WireRecord } from './reader';
import { symbolFromWire } from './symbol';
import { tickFromWire } from './tick';

const answer = (name: string): WireRecord[] => parseEnvelope(fixture(name)).body.answer as WireRecord[];
const value = <T>(result: { ok: boolean; value: T }): T => {
  expect(result.ok).toBe(true);
  return result.value;
};

describe('wire → desk mappers on recorded replies', () => {
  it('maps deals: cents from decimals, VolumeExt, TimeMsc, balance amount in Profit', () => {
    const [balance, open, close] = answer('deals').map((d) => value(dealFromWire(d)));
    expect(balance).toMatchObject({
      ticket: 136620,
      login: 764636,
      action: 2,
      profit: 150_025,
      symbol: '',
      comment: 'K7QX2-12 wire',
    });
    expect(open).toMatchObject({
      volume: 1_000_000,
      price: 1.10868,
      commission: -35,
      timeMsc: 1_700_000_001_500,
      contractSize: 100_000,
    });
    // An older record without VolumeExt: Volume × 10000.
    expect(close).toMatchObject({
      volume: 1_000_000,
      pricePosition: 1.10868,
      profit: 1_000,
      swap: -12,
      positionId: 5512,
      reason: 4,
    });
  });

  it('maps positions, with TimeMsc when present and seconds × 1000 when not', () => {
    const [eur, gold] = answer('positions').map((p) => value(positionFromWire(p)));
    expect(eur).toMatchObject({
      ticket: 5512,
      action: 0,
      priceOpen: 1.10868,
      profit: 330,
      timeUpdateMsc: 1_700_000_001_500,
    });
    expect(gold).toMatchObject({
      ticket: 5600,
      action: 1,
      volume: 200_000_000,
      profit: -11_000,
      swap: -150,
      timeCreateMsc: 1_700_000_003_000,
    });
  });

  it('maps orders with both volumes', () => {
    const [order] = answer('orders').map((o) => value(orderFromWire(o)));
    expect(order).toEqual({
      ticket: 7001,
      login: 764636,
      symbol: 'GBPUSD',
      type: 2,
      state: 1,
      volumeInitial: 50_000_000,
      volumeCurrent: 50_000_000,
      priceOrder: 1.25,
      priceTrigger: 0,
      priceSL: 1.24,
      priceTP: 1.27,
      timeSetupMsc: 1_700_000_005_125,
      comment: 'limit',
    });
  });

  it('merges a user with its trading state, and stands on the user alone without one', () => {
    const [ada, grace] = answer('users');
    const [state] = answer('accounts');
    expect(value(accountFromWire(ada as WireRecord, state))).toEqual({
      login: 764636,
      group: 'real\\std-usd',
      name: 'Ada Lovelace',
      leverage: 100,
      rights: 6627,
      country: 'United Kingdom',
      balance: 1_150_025,
      credit: 0,
      margin: 11_087,
      equity: 1_150_355,
      floating: 330,
      registrationMsc: 1_690_000_000_000,
    });
    expect(value(accountFromWire(grace as WireRecord, undefined))).toMatchObject({
      balance: 250_050,
      credit: 10_000,
      equity: 260_050,
      margin: 0,
    });
  });

  it('maps symbols and groups (instant commission, coverage by group path)', () => {
    const [eurusd] = answer('symbols').map((s) => value(symbolFromWire(s)));
    expect(eurusd).toMatchObject({
      digits: 5,
      contractSize: 100_000,
      volumeMin: 1_000_000,
      volumeStep: 1_000_000,
      swapLong: -6.5,
    });
    const [std, coverage] = answer('groups').map((g) => value(groupFromWire(g)));
    expect(std).toMatchObject({
      marginMode: 0,
      marginCall: 100,
      commissionPerLot: -350,
      commissionEntry: 1,
      coverage: false,
    });
    expect(coverage).toMatchObject({ marginMode: 2, commissionPerLot: 0, coverage: true });
  });

  it('refuses a malformed scalar instead of producing NaN, naming the field', () => {
    const [good, bad] = answer('ticks').map(tickFromWire);
    expect(good).toMatchObject({ ok: true, value: { symbol: 'EURUSD', bid: 1.10868, timeMsc: 1_700_000_006_321 } });
    expect(bad?.ok).toBe(false);
    if (bad?.ok === false) {
      expect(bad.problems).toEqual(['Bid: expected a decimal number, got "1.1x"']);
      expect(bad.value.bid).toBe('1.1x');
      expect(Number.isNaN(bad.value.bid)).toBe(false);
    }
  });

  it('a malformed record reaches the cache as a dead letter with a reason, never as data', () => {
    const [record] = answer('deals-malformed');
    const result = dealFromWire(record as WireRecord);
    expect(result.ok).toBe(false);
    const mirror = openMirror(':memory:');
    try {
      const event = {
        type: 'deal.add',
        server: 's1',
        seq: 1,
        deal: result.value,
        problems: !result.ok && result.problems,
      };
      const applied = mirror.applyBatch('s1', [event], { seq: 1, dealTimeMsc: 0, dealTicket: 0, tickTransId: '' });
      expect(applied.deadLettered).toBe(1);
      expect(mirror.deals({ fromMsc: 0, toMsc: Number.MAX_SAFE_INTEGER, limit: 10 })).toEqual([]);
      const [letter] = mirror.deadLetters(10);
      expect(letter?.reason).toMatch(/^deal\.profit: /);
      expect(letter?.payload).toContain('Profit: expected a decimal number, got \\"12abc\\"');
    } finally {
      mirror.close();
    }
  });
});
