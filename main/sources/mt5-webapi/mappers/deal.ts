/** A Web API deal (MT5-PROTOCOL.md §2.5) as the desk's Deal. */
import type { Deal } from '../../../../shared/domain';
import { type Mapped, mapped, WireReader, type WireRecord } from './reader';

export function dealFromWire(record: WireRecord): Mapped<Deal> {
  const r = new WireReader(record);
  return mapped(r, {
    ticket: r.int('Deal'),
    login: r.int('Login'),
    timeMsc: r.time('Time'),
    action: r.int('Action'),
    entry: r.int('Entry'),
    symbol: r.str('Symbol'),
    volume: r.volume('Volume'),
    price: r.optionalDecimal('Price'),
    // The open price of the position an OUT deal closed; older builds leave it out.
    pricePosition: r.optionalDecimal('PricePosition'),
    // Balance-type deals carry their amount in Profit (MT5-PROTOCOL.md §4).
    profit: r.money('Profit'),
    commission: r.optionalMoney('Commission'),
    swap: r.optionalMoney('Storage'),
    positionId: r.optionalInt('PositionID') ?? 0,
    order: r.optionalInt('Order') ?? 0,
    reason: r.optionalInt('Reason') ?? 0,
    contractSize: r.optionalDecimal('ContractSize'),
    comment: r.str('Comment'),
  });
}
