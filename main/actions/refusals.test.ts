import { describe, expect, it } from 'vitest';
import { alice, bob, deposit, eur, harnessPerTest, OPEN_LIMITS, refusal, rita, root, SERVER, usd } from './test-kit';

const harness = harnessPerTest();

describe('limits and bad input', () => {
  it('refuses a dealer above the limit in the core, and lets an admin send it', async () => {
    const h = harness({ limits: { dealerMaxAmount: 50_000, fourEyesAbove: 1_000_000_000 } });
    const desk = h.makeDesk();
    const account = h.accountWhere(usd);
    const refused = await refusal(desk.balance(deposit(account.login, '50000.01'), alice));
    expect(refused).toMatchObject({
      code: 'forbidden',
      message: 'Deposit of 50,000.01 USD is above your limit of 50,000.00 USD per operation; an admin can send it.',
    });
    const inEur = await refusal(desk.balance(deposit(h.accountWhere(eur).login, '48000'), alice));
    expect(inEur.message).toMatch(/48,000.00 EUR \(about 5\d,\d{3}.\d\d USD\) is above your limit/);
    expect(h.gateway.calls).toEqual([]);
    expect(h.audit.entries.map((e) => [e.operator, e.result, e.message])).toEqual([
      ['alice', 'refused', refused.message],
      ['alice', 'refused', inEur.message],
    ]);

    const atLimit = await desk.balance(deposit(account.login, '50000'), alice);
    expect(atLimit.state).toBe('confirmed');
    const byAdmin = await desk.balance(deposit(account.login, '250000'), root);
    expect(byAdmin.state).toBe('confirmed');
    expect(h.truthAccount(account.login)?.balance).toBe(account.balance + 30_000_000);
  });

  it('refuses bad input with a clear message, audits it, and sends nothing', async () => {
    const h = harness({ limits: OPEN_LIMITS });
    const desk = h.makeDesk();
    const account = h.accountWhere(usd);
    const { login } = account;
    const nextId = h.store.peekNextId();
    const room = 31 - nextId.length - 1;
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => desk.balance(deposit(login, '0'), alice), /^Amount must not be zero, got '0'.$/],
      [() => desk.balance(deposit(login, '-5'), alice), /^Amount must be positive, got '-5'/],
      [
        () => desk.balance(deposit(login, 'abc'), alice),
        /^Amount must be a number with at most 2 decimals, got 'abc'.$/,
      ],
      [() => desk.balance(deposit(login, '1.234'), alice), /^Amount must have at most 2 decimals, got '1.234'.$/],
      [() => desk.balance(deposit(login, '1000000000.01'), root), /^Amount must be at most 1,000,000,000/],
      [() => desk.balance(deposit(999_999, '10'), alice), /^Login 999999 is not an account on sim-actions.$/],
      [() => desk.balance({ ...deposit(login, '10'), server: 'nowhere' }, alice), /^Server 'nowhere' is not one/],
      [
        () => desk.balance(deposit(login, '10', 'x'.repeat(room + 1)), alice),
        new RegExp(
          `^The note is ${room + 1} characters; the deal comment keeps ${room} after the transaction id .*Shorten it by 1.$`,
        ),
      ],
      [() => desk.balance(deposit(login, '10', 'two\nlines'), alice), /one line/],
      [() => desk.balance(deposit(login, '10'), rita), /^rita \(risk\) may not send balance operations/],
      [
        () => desk.account({ server: SERVER, login, change: { kind: 'leverage', leverage: 0 } }, alice),
        /^Leverage must be a whole number from 1 to 500, got 0.$/,
      ],
      [() => desk.account({ server: SERVER, login, change: { kind: 'leverage', leverage: 501 } }, alice), /got 501.$/],
      [() => desk.account({ server: SERVER, login, change: { kind: 'leverage', leverage: 1.5 } }, alice), /got 1.5.$/],
      [
        () => desk.account({ server: SERVER, login, change: { kind: 'leverage', leverage: account.leverage } }, alice),
        /already has leverage/,
      ],
      [
        () => desk.account({ server: SERVER, login, change: { kind: 'group', group: 'real\\nope' } }, alice),
        /^Group 'real\\nope' does not exist on sim-actions.$/,
      ],
      [
        () => desk.account({ server: SERVER, login, change: { kind: 'trading', enabled: true } }, alice),
        /^Trading is already enabled/,
      ],
    ];
    for (const [request, message] of cases) {
      const error = await refusal(request());
      expect(error.message).toMatch(message);
      expect(h.audit.entries.at(-1)).toMatchObject({
        result: 'refused',
        message: error.message,
        operator: expect.any(String),
      });
    }
    expect(h.audit.entries).toHaveLength(cases.length);
    expect(h.audit.entries.every((e) => e.result === 'refused')).toBe(true);
    expect(h.gateway.calls).toEqual([]);
    expect(desk.list()).toEqual([]);
    // A note that just fits is taken.
    const fits = await desk.balance(deposit(login, '10', 'y'.repeat(room)), alice);
    expect(h.balanceDealsWith(fits.id)[0]?.comment).toHaveLength(31);
  });

  it('returns the first action for a double submit of the same request', async () => {
    const h = harness({ limits: OPEN_LIMITS });
    const desk = h.makeDesk();
    const account = h.accountWhere(usd);
    const request = deposit(account.login, '40');
    const first = await desk.balance(request, alice);
    const again = await desk.balance(request, alice);
    expect(again.id).toBe(first.id);
    expect(h.gateway.sends).toHaveLength(1);
    const changed = await refusal(desk.balance({ ...request, amount: '41' }, alice));
    expect(changed.message).toBe(
      `Request id ${request.requestId} was already used for ${first.id}, a different operation.`,
    );
    // Another operator's request id is theirs.
    expect((await desk.balance(request, bob)).id).not.toBe(first.id);
    expect(h.truthAccount(account.login)?.balance).toBe(account.balance + 8_000);
  });
});
