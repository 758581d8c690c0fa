/**
 * A/B-book routing (DOMAIN.md "Toxic flow and A/B routing"). On MT5 routing is a group: each
 * B-book client group has an A-book twin whose flow the server passes to liquidity providers.
 * An account's routing flag is therefore read from its group, and applying a flag is a group
 * change, confirmed by the account update the server sends back.
 */
import { z } from 'zod';
import { toxicDetectorSchema } from './toxic';

const server = z.string().min(1).max(64);
const group = z.string().min(1).max(64);
const login = z.number().int().positive();

export const routingBookSchema = z.enum(['A', 'B']);
export type RoutingBook = z.infer<typeof routingBookSchema>;
/** What a grid shows in its Book column: coverage accounts are the broker's own hedges, not routed. */
export const bookColumnSchema = z.enum(['A', 'B', 'Coverage']);
export type BookColumn = z.infer<typeof bookColumnSchema>;

/** A B-book group and its A-book twin on one server. */
export const routingPairSchema = z.object({ server, bBook: group, aBook: group }).strict();
export type RoutingPair = z.infer<typeof routingPairSchema>;

export const routingMapSchema = z
  .array(routingPairSchema)
  .max(2_000)
  .superRefine((pairs, ctx) => {
    const seen = new Map<string, number>();
    pairs.forEach((pair, i) => {
      if (pair.bBook === pair.aBook) {
        ctx.addIssue({ code: 'custom', path: [i], message: `${pair.bBook} cannot be its own A-book twin` });
      }
      for (const name of [pair.bBook, pair.aBook]) {
        const key = `${pair.server}\u001f${name}`;
        const first = seen.get(key);
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `${name} on ${pair.server} is already in pair ${first + 1}`,
          });
        }
        seen.set(key, i);
      }
    });
  });

/** A dealer applies the recommendation, or overrides it with a reason (required when overriding). */
export const routingApplySchema = z
  .object({
    server,
    login,
    book: routingBookSchema,
    reason: z.string().trim().max(200).default(''),
  })
  .strict();
export type RoutingApply = z.infer<typeof routingApplySchema>;

/** One account in the toxic-flow panel: its scores in short, ranked by `overallScore`. */
export const toxicRowSchema = z.object({
  id: z.string(),
  server: z.string(),
  login: z.number().int().positive(),
  clientId: z.string().nullable(),
  clientName: z.string(),
  group: z.string(),
  currency: z.string(),
  /** The account's routing flag now (from its group); null when its group has no twin in the map. */
  book: routingBookSchema.nullable(),
  recommendation: routingBookSchema,
  overallScore: z.number().min(0).max(1),
  /** Detectors that flag the account. */
  flagged: z.array(toxicDetectorSchema),
  /** Score per detector, for filtering and sorting by one detector. */
  scores: z.record(toxicDetectorSchema, z.number().min(0).max(1)),
  reason: z.string(),
  trades: z.number().int().nonnegative(),
  winRate: z.number().min(0).max(1),
  /** Net P&L of the window to the client, cents of the account currency. */
  netProfit: z.number().int(),
  /** What the window earned (+) or cost (−) the broker in each book, cents of the account currency. */
  aBookPnl: z.number().int(),
  bBookPnl: z.number().int(),
  asOfMsc: z.number().int().nonnegative(),
  /** A routing change sent and not yet confirmed by the server. */
  pendingBook: routingBookSchema.nullable(),
});
export type ToxicRow = z.infer<typeof toxicRowSchema>;

export const toxicFilterSchema = z
  .object({
    detector: toxicDetectorSchema.optional(),
    /** Only accounts whose recommendation differs from their book. */
    mismatched: z.boolean().optional(),
    limit: z.number().int().min(1).max(5_000).default(500),
  })
  .strict();
