/** A tick/last record as the desk's Tick. */
import type { Tick } from '../../../../shared/domain';
import { type Mapped, mapped, WireReader, type WireRecord } from './reader';

export function tickFromWire(record: WireRecord): Mapped<Tick> {
  const r = new WireReader(record);
  return mapped(r, {
    symbol: r.str('Symbol'),
    timeMsc: r.time('Datetime'),
    bid: r.decimal('Bid'),
    ask: r.decimal('Ask'),
  });
}
