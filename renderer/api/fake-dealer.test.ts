import { describe, expect, it } from 'vitest';
import type { ActionRow } from '../../shared/actions';
import { createFakeDesk } from './fake-desk';

const value = <T>(reply: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
};

describe('the fake desk, signed in', () => {
  it('asks for the first admin, then signs in and out, and refuses the signed-out window', async () => {
    const fake = createFakeDesk({ positions: 1, frameMs: 0, enforceSignIn: true });
    expect(value(await fake['session.state']({}))).toMatchObject({ operator: null, setupNeeded: true });
    expect(await fake['desk.ready']({})).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    const admin = value(await fake['session.setup']({ name: 'Ada Admin', password: 'correct horse' }));
    expect(admin.operator).toEqual({ name: 'Ada Admin', role: 'admin' });
    expect(admin.permissions).toContain('admin');
    value(await fake['operators.save']({ name: 'Dan Dealer', role: 'dealer', password: 'dealer-pass-1' }));
    value(await fake['session.signOut']({}));
    expect(await fake['session.signIn']({ name: 'Dan Dealer', password: 'wrong' })).toMatchObject({ ok: false });
    value(await fake['session.signIn']({ name: 'Dan Dealer', password: 'dealer-pass-1' }));
    expect(await fake['operators.list']({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    fake.stop();
  });

  it('confirms a deposit once, however often it is resent, and moves the balance by exactly the amount', async () => {
    const fake = createFakeDesk({ positions: 1, frameMs: 0, enforceSignIn: true });
    value(await fake['session.setup']({ name: 'Ada Admin', password: 'correct horse' }));
    const seen: ActionRow[] = [];
    fake.subscribe('actions', (delta) => seen.push(...delta.upserts));
    const [account] = value(await fake['accounts.list']({}));
    const request = {
      server: account!.server,
      login: account!.login,
      kind: 'deposit' as const,
      amount: '12.34',
      requestId: 'req-00000001',
    };
    const first = value(await fake['actions.balance'](request));
    const again = value(await fake['actions.balance'](request));
    expect(again.id).toBe(first.id);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const after = value(await fake['accounts.list']({})).find((a) => a.id === account!.id);
    const confirmed = value(await fake['actions.list']({})).find((a) => a.id === first.id);
    expect(confirmed?.state).toBe('confirmed');
    expect(seen.filter((a) => a.id === first.id).map((a) => a.state)).toEqual(['sending', 'pending', 'confirmed']);
    expect(after?.balance).toBe(account!.balance + 1_234);
    const audit = value(await fake['audit.list']({ login: account!.login }));
    expect(audit.map((e) => e.action)).toContain('balance.deposit');
    expect(value(await fake['audit.verify']({}))).toMatchObject({ ok: true });
    fake.stop();
  });

  it('holds a dealer to the limit and a large amount for a second operator', async () => {
    const fake = createFakeDesk({ positions: 1, frameMs: 0, enforceSignIn: true });
    value(await fake['session.setup']({ name: 'Ada Admin', password: 'correct horse' }));
    value(await fake['operators.save']({ name: 'Dan Dealer', role: 'dealer', password: 'dealer-pass-1' }));
    const [account] = value(await fake['accounts.list']({}));
    const big = value(
      await fake['actions.balance']({
        server: account!.server,
        login: account!.login,
        kind: 'deposit',
        amount: '20000',
      }),
    );
    expect(big.state).toBe('awaiting-approval');
    expect(await fake['actions.approve']({ id: big.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    value(await fake['session.signOut']({}));
    value(await fake['session.signIn']({ name: 'Dan Dealer', password: 'dealer-pass-1' }));
    const refused = await fake['actions.balance']({
      server: account!.server,
      login: account!.login,
      kind: 'deposit',
      amount: '60000',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('limit') },
    });
    expect(value(await fake['actions.approve']({ id: big.id })).approvedBy).toBe('Dan Dealer');
    fake.stop();
  });
});
