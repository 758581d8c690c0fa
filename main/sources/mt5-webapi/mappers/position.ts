/** A Web API open position (MT5-PROTOCOL.md §2.5) as the desk's Position. */
import type { Position } from '../../../../shared/domain';
import { type Mapped, mapped, WireReader, type WireRecord } from './reader';

export function positionFromWire(record: WireRecord): Mapped<Position> {
  const r = new WireReader(record);
  return mapped(r, {
    ticket: r.int('Position'),
    login: r.int('Login'),
    symbol: r.str('Symbol'),
    // 0 buy, 1 sell; anything else is refused by the event schema, not coerced here.
    action: r.int('Action') as 0 | 1,
    volume: r.volume('Volume'),
    priceOpen: r.decimal('PriceOpen'),
    priceCurrent: r.optionalDecimal('PriceCurrent'),
    priceSL: r.optionalDecimal('PriceSL'),
    priceTP: r.optionalDecimal('PriceTP'),
    profit: r.optionalMoney('Profit'),
    swap: r.optionalMoney('Storage'),
    timeCreateMsc: r.time('TimeCreate'),
    timeUpdateMsc: r.time('TimeUpdate'),
    reason: r.optionalInt('Reason') ?? 0,
    comment: r.str('Comment'),
  });
}
