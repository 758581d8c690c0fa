import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { DeskRequestError } from '../../shared/contract';
import type { Actor, SessionState } from '../../shared/operators';
import { type AuditStore, openAuditTrail } from '../cache/audit-store';
import { type OperatorsStore, openOperatorsStore } from '../cache/operators-store';
import { tempFolder } from '../cache/test-events';
import { hashPassword } from './password';
import { FAILURE_WINDOW_MS, LOCK_MS, Sessions, WRONG_CREDENTIALS } from './sessions';

const T = 1_700_000_000_000;
const FAST = { ln: 10, r: 8, p: 1 };
const ADMIN_PASSWORD = 'admin password 1';
const DANA_PASSWORD = 'dana password 12';

/** What a refused request throws: its code and message. */
async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<{ code: string; message: string }> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof DeskRequestError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('sessions and operators', () => {
  let folder: ReturnType<typeof tempFolder>;
  let operators: OperatorsStore;
  let audit: AuditStore;
  let clock: number;
  let changed: Mock<(windowId: string, state: SessionState) => void>;
  let sessions: Sessions;
  const admin: Actor = { name: 'Alice', role: 'admin' };

  beforeEach(() => {
    folder = tempFolder();
    const file = join(folder.path, 'desk.db');
    operators = openOperatorsStore(file);
    audit = openAuditTrail(file, { now: () => clock });
    clock = T;
    changed = vi.fn<(windowId: string, state: SessionState) => void>();
    sessions = new Sessions({ operators, audit, now: () => clock, scrypt: FAST, onSessionChanged: changed });
  });
  afterEach(() => {
    operators.close();
    audit.close();
    folder.remove();
  });

  /** The trail, oldest first, as [operator, action, subject, result, message]. */
  const trail = () =>
    audit
      .list({})
      .reverse()
      .map((e) => [e.operator, e.action, e.subject, e.result, e.message]);
  const withAdminAndDana = async () => {
    await sessions.setup('w-admin', 'Alice', ADMIN_PASSWORD);
    await sessions.save(admin, { name: 'Dana', role: 'dealer', password: DANA_PASSWORD });
  };

  describe('first launch', () => {
    it('needs setup until the first operator exists, who becomes an admin and is signed in', async () => {
      expect(sessions.state('w1')).toEqual({ operator: null, setupNeeded: true, permissions: [] });
      const state = await sessions.setup('w1', '  Alice ', ADMIN_PASSWORD);
      expect(state).toEqual({
        operator: { name: 'Alice', role: 'admin' },
        setupNeeded: false,
        permissions: ['read', 'acknowledge', 'tune-alerts', 'act', 'approve', 'simulate', 'admin'],
      });
      expect(sessions.state('w2')).toEqual({ operator: null, setupNeeded: false, permissions: [] });
      expect(sessions.list()).toEqual([
        { name: 'Alice', role: 'admin', disabled: false, createdAtMsc: T, createdBy: 'Alice' },
      ]);
      expect(trail()).toEqual([['Alice', 'session.setup', 'Alice', 'ok', 'first admin']]);
    });

    it('refuses setup once an operator exists, even to two windows racing through it', async () => {
      // Both pass the "no operator yet" check before either has hashed its password.
      const race = await Promise.allSettled([
        sessions.setup('w1', 'Alice', ADMIN_PASSWORD),
        sessions.setup('w2', 'Mallory', 'mallory password'),
      ]);
      expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(race.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'forbidden' } });
      const winner = sessions.list().map((o) => o.name);
      expect(winner).toHaveLength(1);
      expect(await refusal(sessions.setup('w3', 'Zed', 'zed password 123'))).toMatchObject({ code: 'forbidden' });
      expect(sessions.operatorOf('w3')).toBeUndefined();
      expect([sessions.operatorOf('w1')?.name, sessions.operatorOf('w2')?.name].filter(Boolean)).toEqual(winner);
      expect(trail().map((e) => e[3])).toEqual(['ok', 'refused', 'refused']);
      expect(trail()[2]).toEqual(['Zed', 'session.setup', 'Zed', 'refused', 'an operator already exists']);
    });

    it('refuses a short password or an unprintable name as a bad request', async () => {
      expect(await refusal(sessions.setup('w1', 'Alice', 'short'))).toMatchObject({ code: 'bad_request' });
      expect(await refusal(sessions.setup('w1', 'A<script>', ADMIN_PASSWORD))).toMatchObject({ code: 'bad_request' });
      expect(sessions.state('w1').setupNeeded).toBe(true);
    });
  });

  describe('sign-in', () => {
    beforeEach(withAdminAndDana);

    it('signs in per window, regardless of the name case, and signs out', async () => {
      const state = await sessions.signIn('w1', 'dana', DANA_PASSWORD);
      expect(state.operator).toEqual({ name: 'Dana', role: 'dealer' });
      expect(state.permissions).toEqual(['read', 'acknowledge', 'act', 'approve']);
      expect(sessions.operatorOf('w1')).toEqual({ name: 'Dana', role: 'dealer' });
      expect(sessions.operatorOf('w2')).toBeUndefined();
      expect(sessions.signOut('w1').operator).toBeNull();
      expect(sessions.operatorOf('w1')).toBeUndefined();
      expect(trail().slice(2)).toEqual([
        ['Dana', 'session.sign-in', 'Dana', 'ok', 'signed in'],
        ['Dana', 'session.sign-out', 'Dana', 'ok', 'signed out'],
      ]);
    });

    it('answers an unknown name and a wrong password with one message, and audits both', async () => {
      const unknown = await refusal(sessions.signIn('w1', 'Nobody', DANA_PASSWORD));
      const wrong = await refusal(sessions.signIn('w1', 'Dana', 'not her password'));
      expect(unknown).toEqual({ code: 'forbidden', message: WRONG_CREDENTIALS });
      expect(wrong).toEqual(unknown);
      expect(sessions.operatorOf('w1')).toBeUndefined();
      expect(trail().slice(2)).toEqual([
        ['Nobody', 'session.sign-in', 'Nobody', 'refused', 'unknown operator'],
        ['Dana', 'session.sign-in', 'Dana', 'refused', 'wrong password'],
      ]);
    });

    it('never writes a password or a hash to the trail', async () => {
      await sessions.signIn('w1', 'Dana', DANA_PASSWORD);
      await refusal(sessions.signIn('w2', 'Dana', 'wrong password!'));
      await sessions.save(admin, { name: 'Dana', role: 'dealer', password: 'a new password 1' });
      const csv = audit.exportCsv({}).csv;
      for (const secret of [ADMIN_PASSWORD, DANA_PASSWORD, 'wrong password!', 'a new password 1', '$scrypt$']) {
        expect(csv).not.toContain(secret);
      }
    });

    it('refuses a disabled operator, but only once the password is right', async () => {
      await sessions.save(admin, { name: 'Dana', role: 'dealer', disabled: true });
      expect(await refusal(sessions.signIn('w1', 'Dana', 'not her password'))).toMatchObject({
        message: WRONG_CREDENTIALS,
      });
      expect(await refusal(sessions.signIn('w1', 'Dana', DANA_PASSWORD))).toEqual({
        code: 'forbidden',
        message: 'This operator is disabled: ask an admin to enable it.',
      });
      expect(trail().at(-1)).toEqual(['Dana', 'session.sign-in', 'Dana', 'refused', 'operator disabled']);
    });

    it('locks a name for 60 s after 5 failures within 5 minutes, whatever the password then', async () => {
      for (let i = 0; i < 4; i++) {
        clock += 30_000;
        expect((await refusal(sessions.signIn('w1', 'dana', `guess number ${i}`))).message).toBe(WRONG_CREDENTIALS);
      }
      clock += 30_000;
      const fifth = await refusal(sessions.signIn('w1', 'DANA', 'guess number 5'));
      expect(fifth.message).toBe(
        `${WRONG_CREDENTIALS} Too many failed sign-ins for this name: wait 60 s and try again.`,
      );
      clock += 15_000;
      expect(await refusal(sessions.signIn('w1', 'Dana', DANA_PASSWORD))).toEqual({
        code: 'forbidden',
        message: 'Too many failed sign-ins for this name: wait 45 s and try again.',
      });
      expect(trail().at(-1)).toEqual([
        'Dana',
        'session.sign-in',
        'Dana',
        'refused',
        'locked: too many failed sign-ins',
      ]);
      // Another name is not locked.
      expect((await sessions.signIn('w2', 'Alice', ADMIN_PASSWORD)).operator?.name).toBe('Alice');
      clock += LOCK_MS - 15_000;
      expect((await sessions.signIn('w1', 'Dana', DANA_PASSWORD)).operator?.name).toBe('Dana');
    });

    it('after a lock, another failure within the window locks again; old failures age out', async () => {
      for (let i = 0; i < 5; i++) await refusal(sessions.signIn('w1', 'Dana', `guess number ${i}`));
      clock += LOCK_MS;
      const sixth = await refusal(sessions.signIn('w1', 'Dana', 'guess number 6'));
      expect(sixth.message).toMatch(/wait 60 s/);
      clock += FAILURE_WINDOW_MS;
      for (let i = 0; i < 4; i++)
        expect((await refusal(sessions.signIn('w1', 'Dana', 'x'.repeat(12)))).message).toBe(WRONG_CREDENTIALS);
      expect((await sessions.signIn('w1', 'Dana', DANA_PASSWORD)).operator?.name).toBe('Dana');
    });

    it('locks unknown names the same way, so the lock tells nothing about who exists', async () => {
      for (let i = 0; i < 5; i++) await refusal(sessions.signIn('w1', 'Nobody', `guess number ${i}`));
      expect((await refusal(sessions.signIn('w1', 'Nobody', 'guess number 6'))).message).toMatch(/wait 60 s/);
    });

    it('does not let a burst of parallel guesses outrun the limit', async () => {
      const attempts = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => sessions.signIn('w1', 'Dana', `parallel guess ${i}`)),
      );
      const messages = attempts.map((a) => (a.status === 'rejected' ? (a.reason as Error).message : 'signed in'));
      expect(messages.filter((m) => m === WRONG_CREDENTIALS || m.startsWith(`${WRONG_CREDENTIALS} `))).toHaveLength(5);
      expect(messages.filter((m) => m.startsWith('Too many'))).toHaveLength(7);
    });

    it('upgrades a hash made with weaker parameters at the next sign-in', async () => {
      const weak = await hashPassword(DANA_PASSWORD, { ln: 8, r: 8, p: 1 });
      operators.update('Dana', { passwordHash: weak }, T);
      await sessions.signIn('w1', 'Dana', DANA_PASSWORD);
      expect(operators.get('Dana')?.passwordHash).toMatch(/^\$scrypt\$ln=10,/);
      sessions.signOut('w1');
      expect((await sessions.signIn('w1', 'Dana', DANA_PASSWORD)).operator?.name).toBe('Dana');
    });

    it('ends the session when its window closes', async () => {
      await sessions.signIn('w1', 'Dana', DANA_PASSWORD);
      sessions.windowClosed('w1');
      sessions.windowClosed('never-signed-in');
      expect(sessions.operatorOf('w1')).toBeUndefined();
      expect(trail().at(-1)).toEqual(['Dana', 'session.sign-out', 'Dana', 'ok', 'window closed']);
      expect(trail()).toHaveLength(4);
    });
  });

  describe('operators', () => {
    beforeEach(withAdminAndDana);

    it('creates an operator with a password and edits one without', async () => {
      const created = await sessions.save(admin, { name: 'Rita', role: 'risk', password: 'rita password 1' });
      expect(created).toEqual({ name: 'Rita', role: 'risk', disabled: false, createdAtMsc: T, createdBy: 'Alice' });
      clock += 1_000;
      const edited = await sessions.save(admin, { name: 'rita', role: 'dealer', disabled: false });
      expect(edited).toMatchObject({ name: 'Rita', role: 'dealer', createdAtMsc: T });
      expect((await sessions.signIn('w1', 'Rita', 'rita password 1')).operator).toEqual({
        name: 'Rita',
        role: 'dealer',
      });
      const saves = audit.list({ action: 'operator.save', operator: 'Alice' }, { limit: 2 });
      expect(saves.map((e) => [e.subject, e.before, e.after])).toEqual([
        [
          'Rita',
          { name: 'Rita', role: 'risk', disabled: false },
          { name: 'Rita', role: 'dealer', disabled: false, passwordChanged: false },
        ],
        ['Rita', null, { name: 'Rita', role: 'risk', disabled: false, passwordChanged: true }],
      ]);
    });

    it('refuses a new operator without a password, and a non-admin actor', async () => {
      expect(await refusal(sessions.save(admin, { name: 'Rita', role: 'risk' }))).toEqual({
        code: 'bad_request',
        message: 'A new operator needs a password.',
      });
      const dana: Actor = { name: 'Dana', role: 'dealer' };
      expect(await refusal(sessions.save(dana, { name: 'Dana', role: 'admin' }))).toMatchObject({ code: 'forbidden' });
      // A stale actor (the role in the session says admin, the record no longer does) is refused too.
      expect(
        await refusal(sessions.save({ name: 'Dana', role: 'admin' }, { name: 'Dana', role: 'admin' })),
      ).toMatchObject({ code: 'forbidden' });
      expect(operators.get('Dana')?.role).toBe('dealer');
      expect(
        trail()
          .slice(-3)
          .map((e) => [e[0], e[1], e[3]]),
      ).toEqual([
        ['Alice', 'operator.save', 'refused'],
        ['Dana', 'operator.save', 'refused'],
        ['Dana', 'operator.save', 'refused'],
      ]);
    });

    it('refuses an operator changing their own role or disabling themselves', async () => {
      await sessions.save(admin, { name: 'Bob', role: 'admin', password: 'bob password 12' });
      expect(await refusal(sessions.save(admin, { name: 'alice', role: 'dealer' }))).toEqual({
        code: 'forbidden',
        message: 'You cannot change your own role: ask another admin.',
      });
      expect(await refusal(sessions.save(admin, { name: 'Alice', role: 'admin', disabled: true }))).toEqual({
        code: 'forbidden',
        message: 'You cannot disable yourself: ask another admin.',
      });
      // Their own password they may change.
      await sessions.save(admin, { name: 'Alice', role: 'admin', password: 'alice new password' });
      expect((await sessions.signIn('w1', 'Alice', 'alice new password')).operator?.name).toBe('Alice');
    });

    it('refuses to demote or disable the last enabled admin', async () => {
      const lastAdmin = {
        code: 'forbidden',
        message: expect.stringMatching(/^Alice is the last admin who can sign in/),
      };
      expect(await refusal(sessions.save(admin, { name: 'Alice', role: 'dealer' }))).toEqual(lastAdmin);
      expect(await refusal(sessions.save(admin, { name: 'Alice', role: 'admin', disabled: true }))).toEqual(lastAdmin);
      // A disabled admin does not count.
      await sessions.save(admin, { name: 'Bob', role: 'admin', password: 'bob password 12', disabled: true });
      expect(await refusal(sessions.save(admin, { name: 'Alice', role: 'risk' }))).toEqual(lastAdmin);
      // With a second admin enabled, Alice still may not demote herself, but Bob may demote her.
      await sessions.save(admin, { name: 'Bob', role: 'admin', disabled: false });
      expect(await refusal(sessions.save(admin, { name: 'Alice', role: 'risk' }))).toMatchObject({
        message: 'You cannot change your own role: ask another admin.',
      });
      await sessions.save({ name: 'Bob', role: 'admin' }, { name: 'Alice', role: 'risk' });
      expect(operators.enabledAdmins()).toBe(1);
      expect(
        await refusal(sessions.save({ name: 'Bob', role: 'admin' }, { name: 'Bob', role: 'dealer' })),
      ).toMatchObject({
        message: expect.stringMatching(/^Bob is the last admin/),
      });
    });

    it('signs out a disabled operator everywhere and tells their windows', async () => {
      await sessions.signIn('w1', 'Dana', DANA_PASSWORD);
      await sessions.signIn('w2', 'dana', DANA_PASSWORD);
      await sessions.signIn('w3', 'Alice', ADMIN_PASSWORD);
      await sessions.save(admin, { name: 'Dana', role: 'dealer', disabled: true });
      expect(sessions.operatorOf('w1')).toBeUndefined();
      expect(sessions.operatorOf('w2')).toBeUndefined();
      expect(sessions.operatorOf('w3')?.name).toBe('Alice');
      expect(changed.mock.calls.map(([windowId, state]) => [windowId, state.operator])).toEqual([
        ['w1', null],
        ['w2', null],
      ]);
      expect(trail().filter((e) => e[1] === 'session.sign-out')).toEqual([
        ['Dana', 'session.sign-out', 'Dana', 'ok', 'operator disabled'],
        ['Dana', 'session.sign-out', 'Dana', 'ok', 'operator disabled'],
      ]);
    });

    it('gives a changed role to the operator’s open sessions at once', async () => {
      await sessions.signIn('w1', 'Dana', DANA_PASSWORD);
      await sessions.save(admin, { name: 'Dana', role: 'risk', disabled: false });
      expect(sessions.state('w1')).toMatchObject({
        operator: { name: 'Dana', role: 'risk' },
        permissions: ['read', 'acknowledge', 'tune-alerts'],
      });
      expect(changed).toHaveBeenCalledWith('w1', expect.objectContaining({ operator: { name: 'Dana', role: 'risk' } }));
    });

    it('signs an operator out when an admin resets their password', async () => {
      await sessions.signIn('w1', 'Dana', DANA_PASSWORD);
      await sessions.save(admin, { name: 'Dana', role: 'dealer', password: 'dana new password' });
      expect(sessions.operatorOf('w1')).toBeUndefined();
      expect(await refusal(sessions.signIn('w1', 'Dana', DANA_PASSWORD))).toMatchObject({ message: WRONG_CREDENTIALS });
      expect((await sessions.signIn('w1', 'Dana', 'dana new password')).operator?.name).toBe('Dana');
    });

    it('keeps the trail verifiable through all of it', async () => {
      await sessions.signIn('w1', 'Dana', DANA_PASSWORD);
      await refusal(sessions.signIn('w1', 'Dana', 'wrong password'));
      await sessions.save(admin, { name: 'Dana', role: 'risk' });
      sessions.signOut('w1');
      expect(audit.verify()).toMatchObject({ ok: true, entries: 6 });
    });
  });
});
