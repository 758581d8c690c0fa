/**
 * Deals, positions and orders in the Web API's JSON (MT5-PROTOCOL.md §2.5): MT5's field names,
 * every scalar a string, volumes in both units, times in seconds and milliseconds. Fields the
 * simulator does not model (ExternalID, Dealer, ExpertID, gateway prices) go out empty or zero,
 * as a real server sends them for a manual client.
 */
import type { Deal, Order, Position } from '../../../../shared/domain';
import { DealEntry } from '../../../../shared/mt5';
import type { ServerBook } from './book';
import { decimal, int, money, price, seconds, volumes } from './format';

export type WireRecord = Record<string, string | unknown[]>;

export function dealRecord(deal: Deal, book: ServerBook): WireRecord {
  const spec = book.symbol(deal.symbol);
  // Balance-type deals have no symbol; their price fields are zero at no digits.
  const digits = spec?.digits ?? 0;
  const currencyDigits = book.currencyDigits(deal.login);
  const closing = deal.entry === DealEntry.OUT || deal.entry === DealEntry.OUT_BY;
  return {
    Deal: int(deal.ticket),
    ExternalID: '',
    Login: int(deal.login),
    Dealer: '0',
    Order: int(deal.order),
    Action: int(deal.action),
    Entry: int(deal.entry),
    Reason: int(deal.reason),
    Digits: int(digits),
    DigitsCurrency: int(currencyDigits),
    ContractSize: decimal(deal.contractSize),
    Time: seconds(deal.timeMsc),
    TimeMsc: int(deal.timeMsc),
    Symbol: deal.symbol,
    Price: price(deal.price, digits),
    PriceSL: price(0, digits),
    PriceTP: price(0, digits),
    PricePosition: price(deal.pricePosition, digits),
    ...volumes(deal.volume),
    // An INOUT deal closes only part of its volume, and the desk does not keep which part.
    ...volumes(closing ? deal.volume : 0, 'VolumeClosed'),
    Profit: money(deal.profit, currencyDigits),
    Storage: money(deal.swap, currencyDigits),
    Commission: money(deal.commission, currencyDigits),
    // Rates are 1: the desk books profit already converted to the deposit currency.
    RateProfit: '1',
    RateMargin: '1',
    ExpertID: '0',
    PositionID: int(deal.positionId),
    Comment: deal.comment,
    TickValue: decimal(spec?.tickValue ?? 0),
    TickSize: decimal(spec?.tickSize ?? 0),
    Flags: '0',
    Gateway: '',
    PriceGateway: price(0, digits),
    ModificationFlags: '0',
  };
}

export function positionRecord(position: Position, book: ServerBook): WireRecord {
  const spec = book.symbol(position.symbol);
  const digits = spec?.digits ?? 5;
  const currencyDigits = book.currencyDigits(position.login);
  return {
    Position: int(position.ticket),
    ExternalID: '',
    Login: int(position.login),
    Dealer: '0',
    Symbol: position.symbol,
    Action: int(position.action),
    Digits: int(digits),
    DigitsCurrency: int(currencyDigits),
    ContractSize: decimal(spec?.contractSize ?? 0),
    Reason: int(position.reason),
    TimeCreate: seconds(position.timeCreateMsc),
    TimeCreateMsc: int(position.timeCreateMsc),
    TimeUpdate: seconds(position.timeUpdateMsc),
    TimeUpdateMsc: int(position.timeUpdateMsc),
    PriceOpen: price(position.priceOpen, digits),
    PriceCurrent: price(position.priceCurrent, digits),
    PriceSL: price(position.priceSL, digits),
    PriceTP: price(position.priceTP, digits),
    ...volumes(position.volume),
    Profit: money(position.profit, currencyDigits),
    Storage: money(position.swap, currencyDigits),
    RateProfit: '1',
    RateMargin: '1',
    ExpertID: '0',
    ExpertPositionID: '0',
    Comment: position.comment,
    ModificationFlags: '0',
  };
}

export function orderRecord(order: Order, book: ServerBook): WireRecord {
  const spec = book.symbol(order.symbol);
  const digits = spec?.digits ?? 5;
  return {
    Order: int(order.ticket),
    ExternalID: '',
    Login: int(order.login),
    Dealer: '0',
    Symbol: order.symbol,
    Digits: int(digits),
    DigitsCurrency: int(book.currencyDigits(order.login)),
    ContractSize: decimal(spec?.contractSize ?? 0),
    State: int(order.state),
    Reason: '0',
    TimeSetup: seconds(order.timeSetupMsc),
    TimeSetupMsc: int(order.timeSetupMsc),
    TimeExpiration: '0',
    TimeDone: '0',
    TimeDoneMsc: '0',
    Type: int(order.type),
    // The simulator's pending orders are good till cancelled and fill with RETURN.
    TypeFill: '2',
    TypeTime: '0',
    PriceOrder: price(order.priceOrder, digits),
    PriceTrigger: price(order.priceTrigger, digits),
    PriceCurrent: price(0, digits),
    PriceSL: price(order.priceSL, digits),
    PriceTP: price(order.priceTP, digits),
    ...volumes(order.volumeInitial, 'VolumeInitial'),
    ...volumes(order.volumeCurrent, 'VolumeCurrent'),
    ExpertID: '0',
    PositionID: '0',
    PositionByID: '0',
    Comment: order.comment,
    ModificationFlags: '0',
  };
}
