/** The operator behind a request. The router lets no signed-out window reach a non-public handler. */
import { DeskRequestError, type RequestContext } from '../../shared/contract';
import type { Actor } from '../../shared/operators';

export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.operator) throw new DeskRequestError('signed_out', 'Sign in to the desk first.');
  return ctx.operator;
}
