/** A Web API open (pending) order as the desk's Order. */
import type { Order } from '../../../../shared/domain';
import { type Mapped, mapped, WireReader, type WireRecord } from './reader';

export function orderFromWire(record: WireRecord): Mapped<Order> {
  const r = new WireReader(record);
  return mapped(r, {
    ticket: r.int('Order'),
    login: r.int('Login'),
    symbol: r.str('Symbol'),
    type: r.int('Type'),
    state: r.optionalInt('State') ?? 0,
    volumeInitial: r.volume('VolumeInitial'),
    volumeCurrent: r.volume('VolumeCurrent'),
    priceOrder: r.optionalDecimal('PriceOrder'),
    priceTrigger: r.optionalDecimal('PriceTrigger'),
    priceSL: r.optionalDecimal('PriceSL'),
    priceTP: r.optionalDecimal('PriceTP'),
    timeSetupMsc: r.time('TimeSetup'),
    comment: r.str('Comment'),
  });
}
