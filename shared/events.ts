/**
 * Normalised events: what every Source (simulator, Web API, stream) turns its server's
 * traffic into, and the only thing the cache applies (ARCHITECTURE.md §1).
 *
 * Every event names its `server` and carries:
 * - `seq`: the source's stream position, strictly increasing per server. The cursor stores
 *   the last one applied, so a restart resumes from the next.
 * - `version`: the entity's version (MT5 TimeUpdateMsc or a source sequence), increasing per
 *   entity key. The cache keeps the newest version of each key; deals never change.
 */
import { z } from 'zod';

const ticket = z.number().int().positive();
const login = z.number().int().positive();
const money = z.number().int();
const volume = z.number().int().nonnegative();
const price = z.number().finite().nonnegative();
const timeMsc = z.number().int().nonnegative();
const enumValue = z.number().int().nonnegative();
const text = z.string().max(256);

export const dealSchema = z.object({
  ticket,
  login,
  timeMsc,
  action: enumValue,
  entry: enumValue,
  symbol: z.string().max(32),
  volume,
  price,
  pricePosition: price,
  profit: money,
  commission: money,
  swap: money,
  positionId: z.number().int().nonnegative(),
  order: z.number().int().nonnegative(),
  reason: enumValue,
  contractSize: z.number().finite().nonnegative(),
  comment: z.string().max(64),
});

export const positionSchema = z.object({
  ticket,
  login,
  symbol: z.string().min(1).max(32),
  action: z.union([z.literal(0), z.literal(1)]),
  volume: volume.positive(),
  priceOpen: price,
  priceCurrent: price,
  priceSL: price,
  priceTP: price,
  profit: money,
  swap: money,
  timeCreateMsc: timeMsc,
  timeUpdateMsc: timeMsc,
  reason: enumValue,
  comment: z.string().max(64),
});

export const orderSchema = z.object({
  ticket,
  login,
  symbol: z.string().min(1).max(32),
  type: enumValue,
  state: enumValue,
  volumeInitial: volume,
  volumeCurrent: volume,
  priceOrder: price,
  priceTrigger: price,
  priceSL: price,
  priceTP: price,
  timeSetupMsc: timeMsc,
  comment: z.string().max(64),
});

export const accountSchema = z.object({
  login,
  group: z.string().min(1).max(64),
  name: text,
  leverage: z.number().int().min(1).max(10_000),
  rights: z.number().int().nonnegative(),
  country: text,
  balance: money,
  credit: money,
  margin: money,
  equity: money,
  floating: money,
  registrationMsc: timeMsc,
});

export const tickSchema = z.object({
  symbol: z.string().min(1).max(32),
  timeMsc,
  bid: price,
  ask: price,
});

export const symbolSpecSchema = z.object({
  symbol: z.string().min(1).max(32),
  path: text,
  description: text,
  digits: z.number().int().min(0).max(10),
  calcMode: enumValue,
  contractSize: z.number().finite().positive(),
  tickSize: z.number().finite().positive(),
  tickValue: z.number().finite().nonnegative(),
  currencyBase: z.string().max(8),
  currencyProfit: z.string().max(8),
  currencyMargin: z.string().max(8),
  volumeMin: volume,
  volumeMax: volume,
  volumeStep: volume,
  swapLong: z.number().finite(),
  swapShort: z.number().finite(),
});

export const groupSpecSchema = z.object({
  group: z.string().min(1).max(64),
  currency: z.string().min(3).max(8),
  currencyDigits: z.number().int().min(0).max(8),
  marginMode: enumValue,
  marginSOMode: enumValue,
  marginCall: z.number().finite().nonnegative(),
  marginStopOut: z.number().finite().nonnegative(),
  commissionPerLot: money,
  commissionEntry: enumValue,
  coverage: z.boolean(),
});

export const sourceStateSchema = z.enum(['connecting', 'syncing', 'live', 'lagging', 'down']);

const head = {
  server: z.string().min(1).max(64),
  seq: z.number().int().nonnegative(),
};
const versioned = { ...head, version: z.number().int().nonnegative() };

export const syncEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('deal.add'), ...head, deal: dealSchema }),
  z.object({ type: z.literal('position.add'), ...versioned, position: positionSchema }),
  z.object({ type: z.literal('position.update'), ...versioned, position: positionSchema }),
  z.object({ type: z.literal('position.delete'), ...versioned, ticket, login }),
  z.object({ type: z.literal('order.add'), ...versioned, order: orderSchema }),
  z.object({ type: z.literal('order.update'), ...versioned, order: orderSchema }),
  z.object({ type: z.literal('order.delete'), ...versioned, ticket, login }),
  z.object({ type: z.literal('account.add'), ...versioned, account: accountSchema }),
  z.object({ type: z.literal('account.update'), ...versioned, account: accountSchema }),
  z.object({ type: z.literal('account.delete'), ...versioned, login }),
  z.object({ type: z.literal('tick'), ...head, tick: tickSchema }),
  z.object({ type: z.literal('symbol.update'), ...versioned, symbol: symbolSpecSchema }),
  z.object({ type: z.literal('group.update'), ...versioned, group: groupSpecSchema }),
  z.object({
    type: z.literal('source.status'),
    ...head,
    state: sourceStateSchema,
    /** How far the source is behind the server, in ms. */
    lagMs: z.number().int().nonnegative(),
    message: z.string().max(512),
  }),
]);

export type SyncEvent = z.infer<typeof syncEventSchema>;
export type SyncEventType = SyncEvent['type'];
export type EventOf<T extends SyncEventType> = Extract<SyncEvent, { type: T }>;

/**
 * Where a source stands, written in the same transaction as the batch it closes.
 * `seq` is enough for the simulator and a stream; the Web API source also resumes deals from
 * `dealTimeMsc`/`dealTicket` and ticks from `tickTransId`.
 */
export const sourceCursorSchema = z.object({
  seq: z.number().int().nonnegative(),
  dealTimeMsc: timeMsc,
  dealTicket: z.number().int().nonnegative(),
  tickTransId: z.string().max(32),
});
export type SourceCursor = z.infer<typeof sourceCursorSchema>;
export const EMPTY_CURSOR: SourceCursor = { seq: 0, dealTimeMsc: 0, dealTicket: 0, tickTransId: '' };

/** The entity key an event is about, unique per server and kind (for dedup and coalescing). */
export function eventKey(event: SyncEvent): string {
  switch (event.type) {
    case 'deal.add':
      return `deal:${event.deal.ticket}`;
    case 'position.add':
    case 'position.update':
      return `position:${event.position.ticket}`;
    case 'position.delete':
      return `position:${event.ticket}`;
    case 'order.add':
    case 'order.update':
      return `order:${event.order.ticket}`;
    case 'order.delete':
      return `order:${event.ticket}`;
    case 'account.add':
    case 'account.update':
      return `account:${event.account.login}`;
    case 'account.delete':
      return `account:${event.login}`;
    case 'tick':
      return `tick:${event.tick.symbol}`;
    case 'symbol.update':
      return `symbol:${event.symbol.symbol}`;
    case 'group.update':
      return `group:${event.group.group}`;
    case 'source.status':
      return 'status';
  }
}

/** Validates one untrusted event; the error text is what the dead-letter table records. */
export function parseSyncEvent(raw: unknown): { ok: true; event: SyncEvent } | { ok: false; reason: string } {
  const result = syncEventSchema.safeParse(raw);
  if (result.success) return { ok: true, event: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, reason: `${where}${issue?.message ?? 'invalid event'}` };
}
