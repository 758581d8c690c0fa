/**
 * The desk's contract: every request and stream channel, declared once (ARCHITECTURE.md §3).
 * Handlers, the preload bridge and the renderer client are all typed from this map, so a
 * channel without a handler does not compile. Inputs are parsed with these schemas at the
 * boundary; outputs are typed by them.
 */
import { z } from 'zod';
import { alertSettingsSchema } from './alert-settings';
import { alertChangeSchema, alertSchema } from './alerts';
import { exposureSnapshotSchema } from './exposure';
import { accountRowSchema, dealRowSchema, positionRowSchema, rowDeltaSchema, serverStatusSchema } from './rows';

const server = z.string().min(1).max(64);
const login = z.number().int().positive();
const symbol = z.string().min(1).max(32);

const gridFilter = z
  .object({
    server: server.optional(),
    login: login.optional(),
    symbol: symbol.optional(),
    group: z.string().max(64).optional(),
  })
  .strict();

/** A row of the exposure panel, to drill down to the positions behind it. */
const exposureRowRef = z.discriminatedUnion('tab', [
  z.object({ tab: z.literal('symbol'), server, symbol }).strict(),
  z.object({ tab: z.literal('group'), server, group: z.string().min(1).max(64) }).strict(),
  z.object({ tab: z.literal('region'), region: z.string().min(1).max(64) }).strict(),
  z.object({ tab: z.literal('book'), book: z.string().min(1).max(16) }).strict(),
  z.object({ tab: z.literal('asset'), asset: z.string().min(1).max(32) }).strict(),
]);

/** An alert as a grid row: keyed by its alert key. */
export const alertRowSchema = alertSchema.extend({ id: z.string() });
export type AlertRow = z.infer<typeof alertRowSchema>;
const alertKey = z.object({ key: z.string().min(1).max(256) }).strict();

/** Layout keys are names the renderer chooses for its own state, never paths. */
const layoutKey = z.string().regex(/^[a-z][a-z0-9.-]{0,63}$/, 'a layout key is a short lowercase name');

export const requests = {
  /** The window has subscribed and can take streams; answers what it needs to render the first frame. */
  'desk.ready': {
    input: z.object({}).strict(),
    output: z.object({ deskCurrency: z.string(), servers: z.array(z.string()), version: z.string() }),
  },
  'positions.list': { input: gridFilter, output: z.array(positionRowSchema) },
  'accounts.list': { input: gridFilter, output: z.array(accountRowSchema) },
  'deals.list': {
    input: z
      .object({
        server: server.optional(),
        login: login.optional(),
        fromMsc: z.number().int().nonnegative(),
        toMsc: z.number().int().nonnegative(),
        limit: z.number().int().min(1).max(10_000).default(1000),
      })
      .strict()
      .refine((q) => q.fromMsc <= q.toMsc, 'fromMsc must not be after toMsc'),
    output: z.array(dealRowSchema),
  },
  'status.list': { input: z.object({}).strict(), output: z.array(serverStatusSchema) },
  /**
   * The rows a window shows. Price revaluations of these rows stream every frame; the rest of
   * the book is revalued in slices, so 20,000 positions never flood a window at once.
   */
  'positions.viewport': {
    input: z.object({ ids: z.array(z.string().max(80)).max(500) }).strict(),
    output: z.object({ watching: z.number().int() }),
  },
  /** The embedded simulator's speed: 0 pauses it (training, demos, tests); refused on a real server. */
  'sim.control': {
    input: z.object({ speed: z.number().min(0).max(1000) }).strict(),
    output: z.object({ speed: z.number() }),
  },
  /** A market shock in the embedded simulator: one symbol's price jumps by `percent` (training, tests). */
  'sim.shock': {
    input: z.object({ symbol, percent: z.number().min(-90).max(500) }).strict(),
    output: z.object({ symbol: z.string(), bid: z.number(), ask: z.number() }),
  },
  'exposure.snapshot': { input: z.object({}).strict(), output: exposureSnapshotSchema },
  /** A symbol's recent mid prices (per second), the desk's trades in it, and the broker's net exposure. */
  'charts.symbol': {
    input: z.object({ server, symbol }).strict(),
    output: z.object({
      prices: z.array(z.object({ timeMsc: z.number().int(), price: z.number() })),
      trades: z.array(
        z.object({
          timeMsc: z.number().int(),
          price: z.number(),
          side: z.enum(['buy', 'sell']),
          lots: z.number(),
          login: z.number().int(),
          ticket: z.number().int(),
        }),
      ),
      exposure: z.array(z.object({ timeMsc: z.number().int(), brokerNetNotional: z.number().int() })),
    }),
  },
  /** The open positions behind one exposure row (drill-down). */
  'exposure.positions': { input: exposureRowRef, output: z.array(positionRowSchema) },
  /** Alerts not yet resolved, and those resolved in the last hour. */
  'alerts.list': { input: z.object({}).strict(), output: z.array(alertRowSchema) },
  'alerts.history': {
    input: z
      .object({
        key: z.string().min(1).max(256).optional(),
        fromMsc: z.number().int().nonnegative().optional(),
        toMsc: z.number().int().nonnegative().optional(),
        beforeId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(5_000).default(200),
      })
      .strict(),
    output: z.array(alertChangeSchema.extend({ id: z.number().int() })),
  },
  'alerts.acknowledge': { input: alertKey, output: alertRowSchema },
  'alerts.snooze': {
    input: alertKey
      .extend({
        minutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60),
      })
      .strict(),
    output: alertRowSchema,
  },
  'alerts.resolve': { input: alertKey, output: alertRowSchema },
  'alerts.settings': { input: z.object({}).strict(), output: alertSettingsSchema },
  'alerts.settings.save': { input: z.object({ settings: alertSettingsSchema }).strict(), output: alertSettingsSchema },
  'layout.get': { input: z.object({ key: layoutKey }).strict(), output: z.unknown() },
  'layout.save': {
    input: z.object({ key: layoutKey, state: z.unknown() }).strict(),
    output: z.object({ saved: z.literal(true) }),
  },
} as const;

export const streams = {
  positions: rowDeltaSchema(positionRowSchema),
  accounts: rowDeltaSchema(accountRowSchema),
  status: z.array(serverStatusSchema),
  /** The whole exposure panel, about twice a second. */
  exposure: exposureSnapshotSchema,
  /** Alerts that opened or changed (state, level, value) since the last frame. */
  alerts: rowDeltaSchema(alertRowSchema),
} as const;

export type RequestName = keyof typeof requests;
export type StreamName = keyof typeof streams;
export type RequestInput<K extends RequestName> = z.input<(typeof requests)[K]['input']>;
export type ParsedInput<K extends RequestName> = z.output<(typeof requests)[K]['input']>;
export type RequestOutput<K extends RequestName> = z.output<(typeof requests)[K]['output']>;
export type StreamPayload<K extends StreamName> = z.output<(typeof streams)[K]>;

export const requestNames = Object.keys(requests) as RequestName[];
export const streamNames = Object.keys(streams) as StreamName[];

export type ErrorCode =
  | 'bad_request'
  | 'unknown_channel'
  | 'forbidden_sender'
  | 'not_ready'
  | 'not_supported'
  | 'internal';
export interface DeskError {
  code: ErrorCode;
  message: string;
}
export type Reply<T> = { ok: true; value: T } | { ok: false; error: DeskError };

/** Who is asking: each window (or browser tab) gets its own id from its transport. */
export interface RequestContext {
  windowId: string;
}

/** What the core must implement: one handler per request, typed from the contract. */
export type Handlers = {
  [K in RequestName]: (input: ParsedInput<K>, ctx: RequestContext) => RequestOutput<K> | Promise<RequestOutput<K>>;
};

/** A handler's refusal with a code the renderer can branch on (the router turns it into a reply). */
export class DeskRequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What a renderer sees (`window.desk` in Electron, a WebSocket client in browser mode). */
export type DeskApi = {
  [K in RequestName]: (input: RequestInput<K>) => Promise<Reply<RequestOutput<K>>>;
} & {
  subscribe<K extends StreamName>(stream: K, listener: (payload: StreamPayload<K>) => void): () => void;
};
