/**
 * An MT5 user (user/get*) merged with its trading state (user/account/get*) into the desk's
 * Account. The state exists only for accounts that traded or hold orders since the server's restart
 * (MT5-PROTOCOL.md §2.4), so without it the user's own Balance/Credit stand and nothing floats.
 */
import type { Account } from '../../../../shared/domain';
import { type Mapped, mapped, WireReader, type WireRecord } from './reader';

export function accountFromWire(user: WireRecord, state: WireRecord | undefined): Mapped<Account> {
  const u = new WireReader(user);
  const s = state === undefined ? undefined : new WireReader(state);
  const balance = s ? s.money('Balance') : u.optionalMoney('Balance');
  const credit = s ? s.money('Credit') : u.optionalMoney('Credit');
  const account: Account = {
    login: u.int('Login'),
    group: u.str('Group'),
    name: u.str('Name'),
    leverage: u.int('Leverage'),
    rights: u.int('Rights'),
    country: u.str('Country'),
    balance,
    credit,
    margin: s ? s.optionalMoney('Margin') : 0,
    equity: s ? s.money('Equity') : balance + credit,
    floating: s ? s.optionalMoney('Floating') : 0,
    // MT5 stamps Registration in seconds; a RegistrationMsc, where a server sends one, is finer.
    registrationMsc: u.time('Registration'),
  };
  if (s && !s.sound) u.problems.push(...s.problems.map((p) => `account state ${p}`));
  return mapped(u, account);
}
