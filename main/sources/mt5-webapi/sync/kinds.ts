/** How positions, orders and accounts are keyed, mapped and deleted (see entity-mirror.ts). */
import type { Account, Order, Position } from '../../../../shared/domain';
import { accountFromWire } from '../mappers/account';
import { orderFromWire } from '../mappers/order';
import { positionFromWire } from '../mappers/position';
import { keyOf, type WireRecord } from '../mappers/reader';
import type { EntityKind } from './entity-mirror';

export const positionKind: EntityKind<WireRecord, Position> = {
  name: 'position',
  map: positionFromWire,
  rawKey: (record) => keyOf(record, 'Position'),
  raw: (record) => record,
  key: (p) => p.ticket,
  login: (p) => p.login,
  deleted: (ticket, login) => ({ ticket, login }),
};

export const orderKind: EntityKind<WireRecord, Order> = {
  name: 'order',
  map: orderFromWire,
  rawKey: (record) => keyOf(record, 'Order'),
  raw: (record) => record,
  key: (o) => o.ticket,
  login: (o) => o.login,
  deleted: (ticket, login) => ({ ticket, login }),
};

/** A user with its trading state, when the server has one for it. */
export interface UserWithState {
  user: WireRecord;
  state: WireRecord | undefined;
}

export const accountKind: EntityKind<UserWithState, Account> = {
  name: 'account',
  map: ({ user, state }) => accountFromWire(user, state),
  rawKey: ({ user }) => keyOf(user, 'Login'),
  raw: ({ user, state }) => (state === undefined ? user : { ...user, state }),
  key: (a) => a.login,
  login: (a) => a.login,
  deleted: (login) => ({ login }),
};
