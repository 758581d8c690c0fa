/**
 * Operations from outside the seeded stream (a dealer's balance operation or user change, a market
 * shock), recorded as the server applied them. A seed regenerates everything else, so these
 * records are all a restarted simulator needs to be the server it was: it re-applies each one at
 * the point of the stream where it first happened (see `Simulator`).
 */
import { z } from 'zod';
import type { TimeMsc } from '../../../shared/units';
import type { DealerOperation } from './dealer-operations';

export interface MarketShock {
  kind: 'shock';
  symbol: string;
  percent: number;
}

export type ManagerOperation = DealerOperation | MarketShock;

export interface RecordedOperation {
  /** The journal's seq when it was applied: its own events follow this seq. */
  atSeq: number;
  /** The simulator's virtual clock then, which stamps its deals and ticks. */
  nowMsc: TimeMsc;
  /** Its inputs, as the server took them. */
  operation: ManagerOperation;
}

/** Where a simulator's past operations come from and its new ones go. */
export interface OperationHistory {
  /** Operations applied in earlier runs, in the order they were applied. */
  replay?: readonly RecordedOperation[];
  /**
   * Receives each new operation once the server has applied it, before its reply returns, so a
   * crash after the reply cannot lose it. A throw here reaches the caller instead of the reply;
   * the operation stays applied (its events are already in the stream).
   */
  record?: (record: RecordedOperation) => void;
}

/** Integers where the server needs them, so a stored record cannot replay as something else. */
const login = z.number().int().positive();
const managerOperationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('balance'),
    login,
    action: z.number().int(),
    amount: z.number().int(),
    comment: z.string(),
    checkMargin: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal('updateUser'),
    login,
    change: z.strictObject({
      group: z.string().optional(),
      leverage: z.number().int().optional(),
      rights: z.number().int().optional(),
    }),
  }),
  z.strictObject({ kind: z.literal('shock'), symbol: z.string().min(1), percent: z.number().gt(-100) }),
]);

export const recordedOperationSchema: z.ZodType<RecordedOperation> = z.strictObject({
  atSeq: z.number().int().nonnegative(),
  nowMsc: z.number().int(),
  operation: managerOperationSchema,
});

/** A recorded operation that does not fit the regenerated stream: the records belong to another one. */
export class ReplayMismatchError extends Error {
  readonly code = 'replay_mismatch';
  constructor(record: RecordedOperation, seq: number, nowMsc: TimeMsc, why: string) {
    super(
      `Cannot replay the ${record.operation.kind} operation recorded at seq ${record.atSeq} ` +
        `(virtual time ${record.nowMsc}): ${why} (the stream is at seq ${seq}, virtual time ${nowMsc}). ` +
        'The simulator seed, its settings or its version changed since it was recorded; ' +
        'run it with the settings it was recorded under, or start from a new data folder.',
    );
    this.name = 'ReplayMismatchError';
  }
}
