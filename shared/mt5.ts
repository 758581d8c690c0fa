/**
 * MT5 enums as the server numbers them (MT5-PROTOCOL.md §3). Only the values the desk
 * branches on are named; the numbers travel as they are so nothing is lost in translation.
 */

export const DealAction = {
  BUY: 0,
  SELL: 1,
  BALANCE: 2,
  CREDIT: 3,
  CHARGE: 4,
  CORRECTION: 5,
  BONUS: 6,
  COMMISSION: 7,
  COMMISSION_DAILY: 8,
  COMMISSION_MONTHLY: 9,
  AGENT_DAILY: 10,
  AGENT_MONTHLY: 11,
  INTERESTRATE: 12,
  BUY_CANCELED: 13,
  SELL_CANCELED: 14,
  DIVIDEND: 15,
  DIVIDEND_FRANKED: 16,
  TAX: 17,
  AGENT: 18,
  SO_COMPENSATION: 19,
  SO_COMPENSATION_CREDIT: 20,
} as const;
export type DealAction = (typeof DealAction)[keyof typeof DealAction];

export const DealEntry = { IN: 0, OUT: 1, INOUT: 2, OUT_BY: 3 } as const;
export type DealEntry = (typeof DealEntry)[keyof typeof DealEntry];

export const PositionAction = { BUY: 0, SELL: 1 } as const;
export type PositionAction = (typeof PositionAction)[keyof typeof PositionAction];

export const OrderType = {
  BUY: 0,
  SELL: 1,
  BUY_LIMIT: 2,
  SELL_LIMIT: 3,
  BUY_STOP: 4,
  SELL_STOP: 5,
  BUY_STOP_LIMIT: 6,
  SELL_STOP_LIMIT: 7,
  CLOSE_BY: 8,
} as const;
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

export const OrderState = {
  STARTED: 0,
  PLACED: 1,
  CANCELED: 2,
  PARTIAL: 3,
  FILLED: 4,
  REJECTED: 5,
  EXPIRED: 6,
} as const;
export type OrderState = (typeof OrderState)[keyof typeof OrderState];

export const Reason = { CLIENT: 0, EXPERT: 1, DEALER: 2, SL: 3, TP: 4, SO: 5, ROLLOVER: 6 } as const;

/** Group MarginMode: 0 and 1 are netting, 2 is hedging (the value 3 some UIs show is wrong). */
export const MarginMode = { RETAIL_NETTING: 0, EXCHANGE_NETTING: 1, RETAIL_HEDGED: 2 } as const;
export type MarginMode = (typeof MarginMode)[keyof typeof MarginMode];
export const isHedging = (marginMode: number): boolean => marginMode === MarginMode.RETAIL_HEDGED;

/** Group MarginSOMode: levels in percent or in money. */
export const MarginSOMode = { PERCENT: 0, MONEY: 1 } as const;

export const CalcMode = {
  FOREX: 0,
  FUTURES: 1,
  CFD: 2,
  CFDINDEX: 3,
  CFDLEVERAGE: 4,
  FOREX_NO_LEVERAGE: 5,
  EXCH_STOCKS: 32,
} as const;
export type CalcMode = (typeof CalcMode)[keyof typeof CalcMode];

/** UserRights bitmask. */
export const UserRights = {
  ENABLED: 0x1,
  PASSWORD: 0x2,
  TRADE_DISABLED: 0x4,
  INVESTOR: 0x8,
  CONFIRMED: 0x10,
  EXPERT: 0x40,
  REPORTS: 0x100,
  DEFAULT: 0x163,
} as const;

/** Commission EntryMode: which deals pay it. */
export const CommissionEntry = { ALL: 0, IN: 1, OUT: 2 } as const;

/** Retcodes the desk turns into errors (MT5APIConstants.h). */
export const Retcode = {
  OK: 0,
  ERR_PARAMS: 3,
  ERR_PERMISSIONS: 8,
  ERR_TIMEOUT: 9,
  ERR_FREQUENT: 12,
  ERR_NOTFOUND: 13,
  ERR_PARTIAL: 14,
  AUTH_INVALID_ACCOUNT: 1001,
  AUTH_IP_BLOCKED: 1012,
  AUTH_LICENCE_LIMIT: 1022,
  AUTH_RESET_PASSWORD: 1026,
  TRADE_MAX_MONEY: 4005,
  REQUEST_DONE: 10009,
  REQUEST_INVALID: 10013,
  REQUEST_TRADE_DISABLED: 10017,
  REQUEST_NO_MONEY: 10019,
  REQUEST_TOO_MANY: 10024,
} as const;

/** Balance-type deal actions: no symbol, the amount in Profit (MT5-PROTOCOL.md §4). */
export const BALANCE_ACTIONS: ReadonlySet<number> = new Set([
  DealAction.BALANCE,
  DealAction.CREDIT,
  DealAction.CHARGE,
  DealAction.CORRECTION,
  DealAction.BONUS,
  DealAction.COMMISSION,
  DealAction.COMMISSION_DAILY,
  DealAction.COMMISSION_MONTHLY,
  DealAction.AGENT_DAILY,
  DealAction.AGENT_MONTHLY,
  DealAction.INTERESTRATE,
  DealAction.DIVIDEND,
  DealAction.DIVIDEND_FRANKED,
  DealAction.TAX,
  DealAction.AGENT,
  DealAction.SO_COMPENSATION,
  DealAction.SO_COMPENSATION_CREDIT,
]);

/** Actions whose amount goes to Credit rather than Balance. */
export const CREDIT_ACTIONS: ReadonlySet<number> = new Set([
  DealAction.CREDIT,
  DealAction.BONUS,
  DealAction.SO_COMPENSATION_CREDIT,
]);
