/**
 * Type tests that lock the contract: they fail `npm run typecheck` (part of `npm test`) if a
 * channel's types drift from its schema, or if a handler can go missing without a compile error.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DeskApi, Handlers, Reply, RequestContext, RequestInput, RequestOutput, StreamPayload } from './contract';
import type { AccountRow, DealRow, PositionRow, RowDelta, ServerStatus } from './rows';

describe('the contract', () => {
  it('derives inputs and outputs from the schemas', () => {
    expectTypeOf<RequestInput<'positions.list'>>().toEqualTypeOf<{
      server?: string;
      login?: number;
      symbol?: string;
      group?: string;
    }>();
    expectTypeOf<RequestOutput<'positions.list'>>().toEqualTypeOf<PositionRow[]>();
    expectTypeOf<RequestOutput<'accounts.list'>>().toEqualTypeOf<AccountRow[]>();
    expectTypeOf<RequestOutput<'deals.list'>>().toEqualTypeOf<DealRow[]>();
    // A default in the schema makes the field optional for callers and present for handlers.
    expectTypeOf<RequestInput<'deals.list'>['limit']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Parameters<Handlers['deals.list']>[0]['limit']>().toEqualTypeOf<number>();
    expectTypeOf<StreamPayload<'positions'>>().toEqualTypeOf<RowDelta<PositionRow>>();
    expectTypeOf<StreamPayload<'status'>>().toEqualTypeOf<ServerStatus[]>();
  });

  it('makes a missing handler a compile error', () => {
    // @ts-expect-error every other request's handler is missing
    const partial: Handlers = { 'desk.ready': () => ({ deskCurrency: 'USD', servers: [], version: '0' }) };
    expect(Object.keys(partial)).toEqual(['desk.ready']);
  });

  it('hands every handler who is asking', () => {
    expectTypeOf<Parameters<Handlers['positions.viewport']>[1]>().toEqualTypeOf<RequestContext>();
  });

  it('gives the renderer one typed function per request, answering an envelope', () => {
    expectTypeOf<Parameters<DeskApi['positions.list']>[0]>().toEqualTypeOf<RequestInput<'positions.list'>>();
    expectTypeOf<ReturnType<DeskApi['accounts.list']>>().toEqualTypeOf<Promise<Reply<AccountRow[]>>>();
    // @ts-expect-error a channel that is not in the contract does not exist on the client
    expect(typeof ({} as DeskApi)['positions.delete']).toBe('undefined');
  });
});
