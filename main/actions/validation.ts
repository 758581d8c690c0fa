/**
 * Checks every action makes before anything is created or sent. Each refusal is a DeskRequestError
 * with a code the window branches on and a message the dealer can act on; the desk audits it
 * before passing it on.
 */
import { DeskRequestError } from '../../shared/contract';
import type { Account, GroupSpec, Login, ServerId } from '../../shared/domain';
import { mayDo, type Permission } from '../../shared/operators';
import type { ActionBook, ActionMirror, Actor } from './ports';
import type { ServerGateway } from './server-gateway';

export interface ActionContext {
  book: ActionBook;
  mirror: ActionMirror;
  gateway(server: ServerId): ServerGateway | undefined;
  deskCurrency: string;
}

export const refuse = (message: string): DeskRequestError => new DeskRequestError('bad_request', message);
export const forbid = (message: string): DeskRequestError => new DeskRequestError('forbidden', message);

/** The router checks permissions too; the core does again, so a bypassed window changes nothing. */
export function requirePermission(actor: Actor, permission: Permission, what: string): void {
  if (!mayDo(actor.role, permission)) {
    throw forbid(`${actor.name} (${actor.role}) may not ${what}: it needs the '${permission}' permission.`);
  }
}

export function requireGateway(ctx: ActionContext, server: ServerId): ServerGateway {
  const gateway = ctx.gateway(server);
  if (!gateway) throw refuse(`Server '${server}' is not one this desk can send actions to.`);
  return gateway;
}

/** The account as the desk last heard of it from its server (the mirror). */
export function requireAccount(ctx: ActionContext, server: ServerId, login: Login): Account {
  const account = ctx.mirror.account(server, login);
  if (!account) throw refuse(`Login ${login} is not an account on ${server}.`);
  return account;
}

export function groupSpec(ctx: ActionContext, server: ServerId, name: string): GroupSpec | undefined {
  return ctx.mirror.groups(server).find((g) => g.group === name);
}

/** The account's group (its currency and levels): the book's live copy, else the mirror's. */
export function requireGroupOf(ctx: ActionContext, server: ServerId, account: Account): GroupSpec {
  const group = ctx.book.groupOf(server, account.login) ?? groupSpec(ctx, server, account.group);
  if (!group) {
    throw new DeskRequestError(
      'not_ready',
      `The desk has not received group '${account.group}' of login ${account.login} from ${server} yet; try again shortly.`,
    );
  }
  return group;
}

/** How many open positions and pending orders an account has, as a dealer reads it ("2 open positions"). */
export function openTrades(ctx: ActionContext, server: ServerId, login: Login): string | undefined {
  const positions = ctx.mirror.openPositions({ server, login }).length;
  const orders = ctx.mirror.openOrders({ server, login }).length;
  const parts = [
    positions > 0 ? plural(positions, 'open position') : '',
    orders > 0 ? plural(orders, 'pending order') : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? undefined : parts.join(' and ');
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
