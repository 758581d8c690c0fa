/** A symbol/get record as the desk's SymbolSpec. */
import type { SymbolSpec } from '../../../../shared/domain';
import { type Mapped, mapped, WireReader, type WireRecord } from './reader';

export function symbolFromWire(record: WireRecord): Mapped<SymbolSpec> {
  const r = new WireReader(record);
  return mapped(r, {
    symbol: r.str('Symbol'),
    path: r.str('Path'),
    description: r.str('Description'),
    digits: r.int('Digits'),
    calcMode: r.int('CalcMode'),
    contractSize: r.decimal('ContractSize'),
    tickSize: r.decimal('TickSize'),
    tickValue: r.decimal('TickValue'),
    currencyBase: r.str('CurrencyBase'),
    currencyProfit: r.str('CurrencyProfit'),
    currencyMargin: r.str('CurrencyMargin'),
    // VolumeMin/Max/Step count 1/10000 lot, their *Ext twins 1/1e8 lot.
    volumeMin: r.volume('VolumeMin'),
    volumeMax: r.volume('VolumeMax'),
    volumeStep: r.volume('VolumeStep'),
    swapLong: r.optionalDecimal('SwapLong'),
    swapShort: r.optionalDecimal('SwapShort'),
  });
}
