import { describe, expect, it } from 'vitest';
import type { Tick } from '../../../../shared/domain';
import { decimal, money, price, volumes } from './format';
import { nameMask } from './masks';
import { TickTape } from './tick-tape';

describe('MT5 name masks', () => {
  it.each([
    ['*', 'real\\ecn-usd', true],
    ['real\\*', 'real\\ecn-usd', true],
    ['real\\*', 'coverage\\lp1-usd', false],
    ['real\\*,!real\\a-book\\*', 'real\\a-book\\ecn-usd', false],
    ['!real\\a-book\\*,real\\*', 'real\\ecn-usd', true],
    ['EURUSD,GBPUSD', 'GBPUSD', true],
    ['EURUSD,GBPUSD', 'USDJPY', false],
    ['eur*', 'EURJPY', true],
    ['!EURUSD', 'GBPUSD', false],
    ['US.00', 'US500', false],
  ])('%s matches %s: %s', (mask, name, expected) => {
    expect(nameMask(mask)(name)).toBe(expected);
  });
});

describe('wire scalars', () => {
  it('prints money at the currency digits without float noise', () => {
    expect(money(123456)).toBe('1234.56');
    expect(money(-5)).toBe('-0.05');
    expect(money(0)).toBe('0.00');
    expect(money(123456, 0)).toBe('1235');
  });

  it('prints prices at the symbol digits and plain decimals without exponents', () => {
    expect(price(1.1, 5)).toBe('1.10000');
    expect(decimal(1e-5 * 100_000)).toBe('1');
    expect(decimal(1e-7)).toBe('0.0000001');
    expect(decimal(100_000)).toBe('100000');
  });

  it('sends volume in 1/10000 lot and VolumeExt in 1/1e8 lot', () => {
    expect(volumes(100_000_000)).toEqual({ Volume: '10000', VolumeExt: '100000000' });
    expect(volumes(1_000_000, 'VolumeMin')).toEqual({ VolumeMin: '100', VolumeMinExt: '1000000' });
  });
});

describe('tick tape', () => {
  const tick = (symbol: string, timeMsc: number): Tick => ({ symbol, timeMsc, bid: 1, ask: 1.1 });
  const all = () => true;

  it('answers the latest tick of every symbol on 0 and only what changed after a trans_id', () => {
    const tape = new TickTape();
    tape.record(tick('EURUSD', 1));
    tape.record(tick('GBPUSD', 2));
    tape.record(tick('EURUSD', 3));
    expect(tape.currentTransId).toBe(3);
    expect(tape.since(0, all)).toEqual([tick('EURUSD', 3), tick('GBPUSD', 2)]);
    expect(tape.since(2, all)).toEqual([tick('EURUSD', 3)]);
    expect(tape.since(3, all)).toEqual([]);
    tape.record(tick('USDJPY', 4));
    expect(tape.since(3, all)).toEqual([tick('USDJPY', 4)]);
    expect(tape.since(0, (s) => s === 'GBPUSD')).toEqual([tick('GBPUSD', 2)]);
  });

  it('answers a full snapshot to a trans_id it never issued', () => {
    const tape = new TickTape();
    tape.record(tick('EURUSD', 1));
    expect(tape.since(99, all)).toEqual([tick('EURUSD', 1)]);
  });
});
