/**
 * A scripted access server for the source's unit tests: the recorded fixtures as its starting
 * records, edited by the tests, served by the commands the source polls. `maskLimit` makes a
 * group=* query answer retcode 14 like a real server over 5000 rows.
 */

import type { WireRecord } from './mappers/reader';
import { envelope } from './protocol/envelope';
import { FakeWebApi, fixture, ok, type Query } from './test-kit';

type Rows = WireRecord[];
const rowsOf = (name: string): Rows => JSON.parse(fixture(name)).answer as Rows;

export class FakeBroker extends FakeWebApi {
  users = rowsOf('users');
  states = rowsOf('accounts');
  positions = rowsOf('positions');
  orders = rowsOf('orders');
  deals = rowsOf('deals');
  ticks: { transId: number; record: WireRecord }[] = rowsOf('ticks').map((record, i) => ({ transId: i + 1, record }));
  maskLimit = Number.POSITIVE_INFINITY;
  /** Commands that answer HTTP 404 (a server without them). */
  readonly missing = new Set<string>();

  constructor() {
    super();
    this.on('symbol/get', fixture('symbols'))
      .on('group/get', fixture('groups'))
      .on('user/get_batch', (q) => this.batch('user/get_batch', q, this.users))
      .on('user/account/get_batch', (q) => this.batch('user/account/get_batch', q, this.states))
      .on('position/get_batch', (q) => this.batch('position/get_batch', q, this.positions))
      .on('order/get_batch', (q) => this.batch('order/get_batch', q, this.orders))
      .on('user/logins', (q) => ok({ answer: this.inGroup(q.group ?? '*').map((u) => u.Login) }))
      .on('user/get', (q) => {
        const user = this.users.find((u) => u.Login === q.login);
        return user ? ok({ answer: user }) : envelope(13, 'Not found');
      })
      .on('deal/get_batch', (q) => this.dealBatch(q))
      .on('deal/get_page', (q) => {
        const offset = Number(q.offset);
        const total = Number(q.total);
        if (total > 100) return envelope(3, 'Invalid parameters');
        const deals = this.dealsOf(new Set([q.login]), Number(q.from), Number(q.to));
        return ok({ answer: deals.slice(offset, offset + total) });
      })
      .on('tick/last', (q) => {
        const since = Number(q.trans_id ?? 0);
        const last = this.ticks.at(-1)?.transId ?? 0;
        return ok({ trans_id: String(last), answer: this.ticks.filter((t) => t.transId > since).map((t) => t.record) });
      });
  }

  tick(record: WireRecord): void {
    this.ticks.push({ transId: (this.ticks.at(-1)?.transId ?? 0) + 1, record });
  }

  private inGroup(mask: string): Rows {
    if (mask === '*') return this.users;
    return this.users.filter((u) => u.Group === mask);
  }

  private batch(command: string, q: Query, rows: Rows): string | { status: number; body: string } {
    if (this.missing.has(command)) return { status: 404, body: envelope(3, 'Invalid parameters') };
    let logins: Set<unknown>;
    if (q.login !== undefined) logins = new Set(q.login.split(','));
    else logins = new Set(this.inGroup(q.group ?? '*').map((u) => u.Login));
    const picked = rows.filter((r) => logins.has(r.Login));
    if (q.group !== undefined && picked.length > this.maskLimit) {
      return envelope(14, 'Partial data', { answer: picked.slice(0, this.maskLimit) });
    }
    return ok({ answer: picked });
  }

  private dealsOf(logins: Set<unknown>, from: number, to: number): Rows {
    return this.deals.filter((d) => logins.has(d.Login) && Number(d.Time) >= from && Number(d.Time) <= to);
  }

  private dealBatch(q: Query): string {
    const from = Number(q.from);
    const to = Number(q.to);
    const logins =
      q.login !== undefined ? new Set([q.login]) : new Set(this.inGroup(q.group ?? '*').map((u) => u.Login));
    const picked = this.dealsOf(logins, from, to);
    if (q.group !== undefined && picked.length > this.maskLimit) {
      return envelope(14, 'Partial data', { answer: picked.slice(0, this.maskLimit) });
    }
    return ok({ answer: picked });
  }
}
