import { describe, expect, it } from 'vitest';
import { DealAction, Retcode, UserRights } from '../../../shared/mt5';
import type { DealerOperation, OperationTap } from './dealer-operations';
import { lots, tradeDesk } from './test-kit';

describe('balance operations', () => {
  it('a deposit is a balance deal (no symbol, amount in profit) followed by the account update', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd', 1_000_00);
    const reply = desk.operations.balance(a.login, DealAction.BALANCE, 2_500_00, 'CRM-TX-42');
    expect(reply.retcode).toBe(Retcode.REQUEST_DONE);
    const events = desk.events();
    expect(events.map((e) => e.type)).toEqual(['deal.add', 'account.update']);
    const [dealEvent, accountEvent] = events;
    expect(dealEvent).toMatchObject({
      deal: { ticket: reply.dealTicket, action: 2, symbol: '', volume: 0, profit: 2_500_00, comment: 'CRM-TX-42' },
    });
    expect(accountEvent).toMatchObject({ account: { login: a.login, balance: 3_500_00, credit: 0 } });
  });

  it('bonus and credit go to credit, not balance', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd', 1_000_00);
    desk.operations.balance(a.login, DealAction.BONUS, 100_00, 'bonus');
    desk.operations.balance(a.login, DealAction.CREDIT, 50_00, 'credit line');
    expect(a.balance).toBe(1_000_00);
    expect(a.credit).toBe(150_00);
    expect(desk.journal.truth.accounts.get(a.login)).toMatchObject({
      balance: 1_000_00,
      credit: 150_00,
      equity: 1_150_00,
    });
  });

  it('refuses more than 1e9 in one operation (4005)', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd');
    expect(desk.operations.balance(a.login, DealAction.BALANCE, 1e9 * 100 + 1, 'too much').retcode).toBe(
      Retcode.TRADE_MAX_MONEY,
    );
    expect(desk.operations.balance(a.login, DealAction.BALANCE, 1e9 * 100, 'limit').retcode).toBe(Retcode.REQUEST_DONE);
  });

  it('refuses a withdrawal the free margin cannot cover (10019) unless told not to check', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\ecn-usd', 1_000_00, 100);
    desk.server.execute({ login: a.login, symbol: desk.symbol('EURUSD'), action: 0, volume: lots(0.5) });
    desk.events();
    expect(desk.operations.balance(a.login, DealAction.BALANCE, -900_00, 'withdrawal').retcode).toBe(
      Retcode.REQUEST_NO_MONEY,
    );
    expect(desk.events()).toEqual([]);
    expect(
      desk.operations.balance(a.login, DealAction.BALANCE, -2_000_00, 'too much', { checkMargin: true }).retcode,
    ).toBe(Retcode.REQUEST_NO_MONEY);
    const forced = desk.operations.balance(a.login, DealAction.BALANCE, -900_00, 'forced', { checkMargin: false });
    expect(forced.retcode).toBe(Retcode.REQUEST_DONE);
    expect(a.balance).toBeLessThan(100_00);
  });

  it('refuses an unknown login (13) and bad parameters (3)', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd');
    expect(desk.operations.balance(999_999, DealAction.BALANCE, 100, 'x').retcode).toBe(Retcode.ERR_NOTFOUND);
    expect(desk.operations.balance(a.login, DealAction.BALANCE, 100, 'x'.repeat(32)).retcode).toBe(Retcode.ERR_PARAMS);
    expect(desk.operations.balance(a.login, DealAction.BALANCE, 100, 'x'.repeat(31)).retcode).toBe(
      Retcode.REQUEST_DONE,
    );
    expect(desk.operations.balance(a.login, DealAction.BUY, 100, 'trade').retcode).toBe(Retcode.ERR_PARAMS);
    expect(desk.operations.balance(a.login, DealAction.BALANCE, 0, 'zero').retcode).toBe(Retcode.ERR_PARAMS);
    expect(desk.operations.balance(a.login, DealAction.BALANCE, 1.5, 'fraction').retcode).toBe(Retcode.ERR_PARAMS);
  });
});

describe('user updates', () => {
  it('changes leverage, group and rights and reports them in one account update', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd');
    const reply = desk.operations.updateUser(a.login, {
      leverage: 200,
      group: 'real\\a-book\\standard-usd',
      rights: 0x1,
    });
    expect(reply.retcode).toBe(Retcode.REQUEST_DONE);
    const events = desk.events();
    expect(events.map((e) => e.type)).toEqual(['account.update']);
    expect(events[0]).toMatchObject({ account: { leverage: 200, group: 'real\\a-book\\standard-usd', rights: 0x1 } });
  });

  it('refuses leverage outside 1..500 and unknown groups (3), unknown logins (13)', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd');
    for (const leverage of [0, 501, 1.5, -100]) {
      expect(desk.operations.updateUser(a.login, { leverage }).retcode).toBe(Retcode.ERR_PARAMS);
    }
    expect(desk.operations.updateUser(a.login, { leverage: 1 }).retcode).toBe(Retcode.REQUEST_DONE);
    expect(desk.operations.updateUser(a.login, { leverage: 500 }).retcode).toBe(Retcode.REQUEST_DONE);
    expect(desk.operations.updateUser(a.login, { group: 'real\\nowhere' }).retcode).toBe(Retcode.ERR_PARAMS);
    expect(desk.operations.updateUser(424_242, { leverage: 100 }).retcode).toBe(Retcode.ERR_NOTFOUND);
  });

  it('refuses to change margin mode or currency under open positions', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd');
    desk.server.execute({ login: a.login, symbol: desk.symbol('EURUSD'), action: 0, volume: lots(1) });
    expect(desk.operations.updateUser(a.login, { group: 'real\\ecn-usd' }).retcode).toBe(Retcode.ERR_PARAMS);
    expect(desk.operations.updateUser(a.login, { group: 'real\\a-book\\standard-usd' }).retcode).toBe(
      Retcode.REQUEST_DONE,
    );
  });

  it('TRADE_DISABLED stops client trading but not the server closing positions', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd');
    const eurusd = desk.symbol('EURUSD');
    const open = desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(1) });
    desk.operations.updateUser(a.login, { rights: UserRights.DEFAULT | UserRights.TRADE_DISABLED });
    expect(desk.server.execute({ login: a.login, symbol: eurusd, action: 0, volume: lots(1) }).retcode).toBe(
      Retcode.REQUEST_TRADE_DISABLED,
    );
    expect(desk.server.close(open.position?.ticket ?? 0, undefined, 2).retcode).toBe(Retcode.REQUEST_DONE);
  });
});

describe('the reply seam', () => {
  it('sees each operation after it was applied and may lose the reply', () => {
    const desk = tradeDesk();
    const a = desk.account('real\\standard-usd', 1_000_00);
    const seen: DealerOperation[] = [];
    const loseReplies: OperationTap = (operation, reply) => {
      seen.push(operation);
      throw new Error(`timeout (retcode ${reply.retcode} lost)`);
    };
    desk.operations.tap = loseReplies;
    expect(() => desk.operations.balance(a.login, DealAction.BALANCE, 10_00, 'CRM-TX-7')).toThrow(/timeout/);
    expect(a.balance).toBe(1_010_00); // applied all the same
    expect(desk.journal.truth.deals.at(-1)?.comment).toBe('CRM-TX-7');
    expect(seen).toEqual([
      { kind: 'balance', login: a.login, action: 2, amount: 10_00, comment: 'CRM-TX-7', checkMargin: true },
    ]);
  });
});
