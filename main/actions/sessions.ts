/**
 * Who is signed in on each window (an Electron window or a browser tab, by the transport's window
 * id), and the operators themselves: the first-launch setup, sign-in with a throttle on repeated
 * failures, and the admin's edits. Every sign-in (accepted or refused), setup, sign-out and
 * operator edit goes to the audit trail, never with a password or its hash.
 *
 * Checks that must hold together (the last admin, a name still free) run synchronously after the
 * only await (the password hash), so two requests cannot interleave between check and write.
 */
import { randomBytes } from 'node:crypto';
import { DeskRequestError, type ErrorCode } from '../../shared/contract';
import {
  type Actor,
  type Operator,
  operatorNameSchema,
  passwordSchema,
  type Role,
  roleGrants,
  type SessionState,
} from '../../shared/operators';
import type { AuditTrail } from '../audit/trail';
import { type OperatorsStore, operatorKey, type StoredOperator } from '../cache/operators-store';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, type ScryptParams, verifyPassword } from './password';

/** What `operators.save` takes: a new operator needs a password; `disabled` defaults to false / unchanged. */
export interface OperatorInput {
  name: string;
  role: Role;
  password?: string;
  disabled?: boolean;
}

export interface SessionsOptions {
  operators: Omit<OperatorsStore, 'close'>;
  audit: Pick<AuditTrail, 'append'>;
  /** The desk clock (ms); Date.now by default. */
  now?: () => number;
  /** scrypt cost; DEFAULT_SCRYPT unless a test wants it cheap. */
  scrypt?: ScryptParams;
  log?: (line: string) => void;
  /**
   * A window's session changed because of someone else's action (its operator was disabled,
   * demoted or promoted, or had the password reset): the place to tell that window.
   */
  onSessionChanged?: (windowId: string, state: SessionState) => void;
}

/** The one answer for an unknown name and a wrong password, so names cannot be probed. */
export const WRONG_CREDENTIALS = 'Unknown operator or wrong password.';
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 5 * 60_000;
export const LOCK_MS = 60_000;
/** Above this many names with recent failures, forgotten ones are swept (a name spray cannot grow memory). */
const THROTTLE_SWEEP_AT = 1_000;

interface Throttle {
  /** When each recent failure happened (within FAILURE_WINDOW_MS). */
  failures: number[];
  /** Attempts whose password is being checked now: counted, so a burst cannot outrun the limit. */
  pending: number;
  lockedUntil: number;
}

const described = (o: Pick<Operator, 'name' | 'role' | 'disabled'>) => ({
  name: o.name,
  role: o.role,
  disabled: o.disabled,
});
const withoutHash = ({ passwordHash: _, ...operator }: StoredOperator): Operator => operator;

export class Sessions {
  private readonly operators: SessionsOptions['operators'];
  private readonly audit: SessionsOptions['audit'];
  private readonly now: () => number;
  private readonly scrypt: ScryptParams;
  private readonly log: (line: string) => void;
  private readonly onSessionChanged: (windowId: string, state: SessionState) => void;
  private readonly signedIn = new Map<string, Actor>();
  private readonly throttles = new Map<string, Throttle>();
  /** Checked against when the name is unknown, so an unknown name costs as long as a wrong password. */
  private readonly decoyHash: Promise<string>;

  constructor(options: SessionsOptions) {
    this.operators = options.operators;
    this.audit = options.audit;
    this.now = options.now ?? Date.now;
    this.scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.log = options.log ?? (() => {});
    this.onSessionChanged = options.onSessionChanged ?? (() => {});
    this.decoyHash = hashPassword(randomBytes(24).toString('base64'), this.scrypt);
    this.decoyHash.catch(() => {}); // awaited (and reported) where it is used
  }

  state(windowId: string): SessionState {
    const operator = this.signedIn.get(windowId);
    return {
      operator: operator ? { ...operator } : null,
      setupNeeded: !this.operators.any(),
      permissions: operator ? [...roleGrants[operator.role]] : [],
    };
  }

  operatorOf(windowId: string): Actor | undefined {
    const operator = this.signedIn.get(windowId);
    return operator && { ...operator };
  }

  /** First launch only: creates the first operator as admin and signs them in on this window. */
  async setup(windowId: string, name: string, password: string): Promise<SessionState> {
    const typed = parsed(operatorNameSchema, name);
    parsed(passwordSchema, password);
    const refuse = (why: string) => {
      this.record(typed, 'session.setup', typed, null, null, 'refused', why);
      return new DeskRequestError('forbidden', 'The desk is already set up: sign in with your operator name.');
    };
    if (this.operators.any()) throw refuse('an operator already exists');
    const passwordHash = await hashPassword(password, this.scrypt);
    const admin: StoredOperator = {
      name: typed,
      role: 'admin',
      disabled: false,
      createdAtMsc: this.now(),
      createdBy: typed,
      passwordHash,
    };
    // Atomic: of two windows racing through setup, one creates the admin and the other is refused.
    if (!this.operators.createFirst(admin)) throw refuse('an operator was created meanwhile');
    this.signedIn.set(windowId, { name: admin.name, role: admin.role });
    this.record(typed, 'session.setup', typed, null, { ...described(admin), window: windowId }, 'ok', 'first admin');
    this.log(`sessions: ${typed} set up the desk as its first admin (${windowId})`);
    return this.state(windowId);
  }

  async signIn(windowId: string, name: string, password: string): Promise<SessionState> {
    const typed = name.trim().slice(0, 64);
    const key = operatorKey(typed);
    const previous = this.signedIn.get(windowId)?.name ?? null;
    const throttle = this.throttleOf(key, this.now());
    const refuse = (operator: string, why: string, message: string) => {
      this.record(operator, 'session.sign-in', operator, { operator: previous }, { window: windowId }, 'refused', why);
      return new DeskRequestError('forbidden', message);
    };

    const waitMs = Math.max(throttle.lockedUntil - this.now(), 0);
    if (waitMs > 0) throw refuse(typed, 'locked: too many failed sign-ins', lockedMessage(waitMs));
    // Attempts still being checked count as failures until they are known not to be, so a burst
    // of parallel guesses cannot outrun the limit (and after a lock, one attempt at a time).
    if (throttle.pending > 0 && throttle.failures.length + throttle.pending >= MAX_FAILURES) {
      throw refuse(typed, 'locked: too many sign-ins at once', lockedMessage(LOCK_MS));
    }

    throttle.pending += 1;
    let candidate: StoredOperator | undefined;
    try {
      const stored = this.operators.get(typed);
      const matches = await verifyPassword(password, stored?.passwordHash ?? (await this.decoyHash));
      candidate = matches ? stored : undefined;
    } finally {
      throttle.pending -= 1;
    }

    // Read again: the operator may have been disabled, changed or given a new password meanwhile.
    const current = candidate && this.operators.get(candidate.name);
    if (!current || current.passwordHash !== candidate?.passwordHash) {
      const locked = this.recordFailure(key, throttle, this.now());
      const message = locked ? `${WRONG_CREDENTIALS} ${lockedMessage(LOCK_MS)}` : WRONG_CREDENTIALS;
      const known = this.operators.get(typed);
      throw refuse(known?.name ?? typed, known ? 'wrong password' : 'unknown operator', message);
    }
    if (current.disabled) {
      throw refuse(current.name, 'operator disabled', 'This operator is disabled: ask an admin to enable it.');
    }

    this.throttles.delete(key);
    this.signedIn.set(windowId, { name: current.name, role: current.role });
    this.record(
      current.name,
      'session.sign-in',
      current.name,
      { operator: previous },
      { operator: current.name, role: current.role, window: windowId },
      'ok',
      'signed in',
    );
    if (needsRehash(current.passwordHash, this.scrypt)) {
      // After the session is set, so an admin's change meanwhile reaches it. An upgrade that fails
      // is tried again at the next sign-in; it never refuses this one.
      await this.rehash(current, password).catch((error) => this.log(`sessions: rehash failed: ${String(error)}`));
    }
    return this.state(windowId);
  }

  signOut(windowId: string): SessionState {
    this.end(windowId, 'signed out');
    return this.state(windowId);
  }

  /** The window is gone: its session ends (and is audited as a sign-out). */
  windowClosed(windowId: string): void {
    this.end(windowId, 'window closed');
  }

  list(): Operator[] {
    return this.operators.list();
  }

  /**
   * An admin creates or edits an operator. Refused (and audited): a non-admin actor, a new operator
   * without a password, an operator changing their own role or disabling themselves, and leaving
   * the desk without an enabled admin. A changed role reaches the operator's windows at once; a
   * disabled operator, or one whose password an admin reset, is signed out everywhere.
   */
  async save(actor: Actor, input: OperatorInput): Promise<Operator> {
    const name = parsed(operatorNameSchema, input.name);
    if (input.password !== undefined) parsed(passwordSchema, input.password);
    // Hashed first: everything after the await runs without a break, so checks and writes agree.
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password, this.scrypt);

    const existing = this.operators.get(name);
    const before = existing ? described(existing) : null;
    const disabled = input.disabled ?? existing?.disabled ?? false;
    const wanted = { name: existing?.name ?? name, role: input.role, disabled };
    const refuse = (why: string, code: ErrorCode = 'forbidden') => {
      this.record(actor.name, 'operator.save', wanted.name, before, wanted, 'refused', why);
      return new DeskRequestError(code, why);
    };

    const admin = this.operators.get(actor.name);
    if (!admin || admin.disabled || admin.role !== 'admin')
      throw refuse('Only an admin may create or change operators.');
    if (!existing && passwordHash === undefined) throw refuse('A new operator needs a password.', 'bad_request');
    // The last admin can only be the actor (an admin editing another enabled admin makes two), so
    // this comes first: it says more than the rule on one's own role below.
    const losesAdmin = existing?.role === 'admin' && !existing.disabled && (input.role !== 'admin' || disabled);
    if (losesAdmin && this.operators.enabledAdmins() <= 1) {
      throw refuse(`${existing.name} is the last admin who can sign in: make another operator admin first.`);
    }
    const self = existing !== undefined && operatorKey(existing.name) === operatorKey(actor.name);
    if (self && existing.role !== input.role) throw refuse('You cannot change your own role: ask another admin.');
    if (self && disabled && !existing.disabled) throw refuse('You cannot disable yourself: ask another admin.');

    const now = this.now();
    let saved: StoredOperator | undefined;
    if (existing) {
      saved = this.operators.update(existing.name, { role: input.role, disabled, passwordHash }, now);
    } else {
      const created = { ...wanted, createdAtMsc: now, createdBy: actor.name, passwordHash: passwordHash ?? '' };
      saved = this.operators.create(created) ? created : undefined;
    }
    if (!saved)
      throw refuse(`Operator ${wanted.name} was changed meanwhile: reload the list and try again.`, 'bad_request');
    const operator = saved;

    const passwordReset = existing !== undefined && passwordHash !== undefined && !self;
    this.reconcileSessions(operator, passwordReset);
    const after = { ...described(operator), passwordChanged: passwordHash !== undefined };
    const what = existing ? 'changed' : 'created';
    this.record(actor.name, 'operator.save', operator.name, before, after, 'ok', `operator ${what}`);
    return withoutHash(operator);
  }

  /** The operator's windows follow their record: signed out when disabled or reset, else the new role. */
  private reconcileSessions(operator: StoredOperator, passwordReset: boolean): void {
    const key = operatorKey(operator.name);
    for (const [windowId, session] of this.signedIn) {
      if (operatorKey(session.name) !== key) continue;
      if (operator.disabled || passwordReset) {
        this.signedIn.delete(windowId);
        const why = operator.disabled ? 'operator disabled' : 'password reset by an admin';
        this.record(session.name, 'session.sign-out', session.name, { window: windowId }, null, 'ok', why);
      } else if (session.role !== operator.role) {
        this.signedIn.set(windowId, { name: session.name, role: operator.role });
      } else {
        continue;
      }
      this.onSessionChanged(windowId, this.state(windowId));
    }
  }

  private end(windowId: string, why: string): void {
    const operator = this.signedIn.get(windowId);
    if (!operator) return;
    this.signedIn.delete(windowId);
    this.record(operator.name, 'session.sign-out', operator.name, { window: windowId }, null, 'ok', why);
  }

  private async rehash(operator: StoredOperator, password: string): Promise<void> {
    const passwordHash = await hashPassword(password, this.scrypt);
    // Only if nobody changed the password while this one was hashed.
    if (this.operators.get(operator.name)?.passwordHash !== operator.passwordHash) return;
    this.operators.update(operator.name, { passwordHash }, this.now());
    this.log(`sessions: ${operator.name}'s password hash upgraded to the current scrypt cost`);
  }

  private throttleOf(key: string, now: number): Throttle {
    if (this.throttles.size > THROTTLE_SWEEP_AT) {
      for (const [name, t] of this.throttles) {
        if (t.pending === 0 && t.lockedUntil <= now && t.failures.every((at) => at <= now - FAILURE_WINDOW_MS)) {
          this.throttles.delete(name);
        }
      }
    }
    let throttle = this.throttles.get(key);
    if (!throttle) {
      throttle = { failures: [], pending: 0, lockedUntil: 0 };
      this.throttles.set(key, throttle);
    }
    throttle.failures = throttle.failures.filter((at) => at > now - FAILURE_WINDOW_MS);
    return throttle;
  }

  /** Counts a failure; true when it locks the name. */
  private recordFailure(key: string, throttle: Throttle, now: number): boolean {
    throttle.failures.push(now);
    this.throttles.set(key, throttle);
    if (throttle.failures.length < MAX_FAILURES) return false;
    throttle.lockedUntil = now + LOCK_MS;
    this.log(`sessions: sign-in locked for ${LOCK_MS / 1000} s after ${MAX_FAILURES} failures for one name`);
    return true;
  }

  private record(
    operator: string,
    action: string,
    subject: string,
    before: unknown,
    after: unknown,
    result: 'ok' | 'refused',
    message: string,
  ): void {
    this.audit.append({ operator, action, server: null, login: null, subject, before, after, result, message });
  }
}

function parsed(schema: typeof operatorNameSchema | typeof passwordSchema, value: string): string {
  const result = schema.safeParse(value);
  if (!result.success) throw new DeskRequestError('bad_request', result.error.issues[0]?.message ?? 'invalid');
  return result.data;
}

function lockedMessage(waitMs: number): string {
  return `Too many failed sign-ins for this name: wait ${Math.ceil(waitMs / 1000)} s and try again.`;
}
