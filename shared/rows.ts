/**
 * What the desk's grids show: one row per open position and per account, computed live in
 * the main process (prices from ticks, money in cents of the account currency).
 * `id` is the grid row id: `${server}:${ticket}` or `${server}:${login}`.
 */
import { z } from 'zod';
import { bookColumnSchema } from './routing';

const money = z.number().int();

export const positionRowSchema = z.object({
  id: z.string(),
  server: z.string(),
  ticket: z.number().int(),
  login: z.number().int(),
  clientId: z.string().nullable(),
  clientName: z.string(),
  group: z.string(),
  currency: z.string(),
  symbol: z.string(),
  digits: z.number().int(),
  side: z.enum(['buy', 'sell']),
  lots: z.number(),
  priceOpen: z.number(),
  priceCurrent: z.number(),
  /** Floating profit in the account currency, cents. */
  profit: money,
  swap: money,
  commission: money,
  openTimeMsc: z.number().int(),
  coverage: z.boolean(),
  /** The account's routing flag (from its group), or Coverage for the broker's own hedges. */
  book: bookColumnSchema,
});
export type PositionRow = z.infer<typeof positionRowSchema>;

export const marginStateSchema = z.enum(['ok', 'margin_call', 'stop_out']);
export type MarginState = z.infer<typeof marginStateSchema>;

export const accountRowSchema = z.object({
  id: z.string(),
  server: z.string(),
  login: z.number().int(),
  clientId: z.string().nullable(),
  clientName: z.string(),
  group: z.string(),
  currency: z.string(),
  leverage: z.number().int(),
  balance: money,
  credit: money,
  equity: money,
  margin: money,
  marginFree: money,
  /** Equity / margin × 100; null when there is no margin. */
  marginLevel: z.number().nullable(),
  /** The group's levels, so the grid can colour the margin level. */
  marginCallLevel: z.number(),
  stopOutLevel: z.number(),
  marginState: marginStateSchema,
  positions: z.number().int(),
  tradeDisabled: z.boolean(),
  coverage: z.boolean(),
  book: bookColumnSchema,
});
export type AccountRow = z.infer<typeof accountRowSchema>;

export const dealRowSchema = z.object({
  id: z.string(),
  server: z.string(),
  ticket: z.number().int(),
  login: z.number().int(),
  timeMsc: z.number().int(),
  symbol: z.string(),
  action: z.number().int(),
  entry: z.number().int(),
  lots: z.number(),
  price: z.number(),
  profit: money,
  commission: money,
  swap: money,
  positionId: z.number().int(),
  comment: z.string(),
});
export type DealRow = z.infer<typeof dealRowSchema>;

export const serverStatusSchema = z.object({
  server: z.string(),
  state: z.enum(['connecting', 'syncing', 'live', 'lagging', 'down']),
  /** Wall-clock ms since the last event from this server arrived. */
  dataAgeMs: z.number().int().nonnegative(),
  lagMs: z.number().int().nonnegative(),
  eventsPerSecond: z.number().nonnegative(),
  message: z.string(),
});
export type ServerStatus = z.infer<typeof serverStatusSchema>;

/** A stream batch for a keyed grid: rows to add or replace, and row ids to remove. */
export const rowDeltaSchema = <T extends z.ZodType>(row: T) =>
  z.object({ upserts: z.array(row), removes: z.array(z.string()) });
export interface RowDelta<T> {
  upserts: T[];
  removes: string[];
}
