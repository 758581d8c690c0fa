/**
 * Getting an action to its server exactly once (DOMAIN.md "Money operations and reconciliation").
 *
 * 1. 'sending' with attempts + 1 is written and audited before the request leaves.
 * 2. The server's reply: done → 'pending' (waiting for its event); a refusal → 'failed' with its reason.
 * 3. No reply (the promise rejected, or no answer within the timeout): the server may or may not have
 *    applied it. Wait (1 s, 2 s, 4 s), then LOOK for it — the desk's cache first, then the server —
 *    and only when neither has it send it again, the same transaction id. Found → 'pending' or
 *    'confirmed' with that deal, never a second send. After the last attempt → 'unresolved'.
 * 4. The server's own event confirms it (matched by the caller, see ActionDesk.applied), whenever it
 *    arrives: before the reply, between retries, or after the action was declared unresolved.
 *
 * Replies are numbered per attempt, so a late answer to an earlier attempt cannot overwrite what a
 * later one learned; a late "done" is still taken as news that the server booked it.
 */
import type { StoredAction } from '../cache/actions-store';
import { type ActionLedger, DESK_OPERATOR } from './ledger';
import type { Timers } from './ports';
import type { BalanceReply, ServerGateway } from './server-gateway';
import { isDone } from './server-replies';

/** What the server (or the desk's cache of it) shows about an action whose reply was lost. */
export type Sighting =
  | { applied: false }
  /** `confirmed`: the server's event is already in the desk's cache (nothing more will arrive). */
  | { applied: true; confirmed: boolean; dealTicket: number | null };

/** How one kind of action is sent and looked for. */
export interface Channel {
  send(action: StoredAction, gateway: ServerGateway): Promise<BalanceReply>;
  /** The desk's cache only: already applied and its event already here? */
  inCache(action: StoredAction): Sighting;
  /** The server itself (after the cache said no). */
  onServer(action: StoredAction, gateway: ServerGateway): Promise<Sighting>;
  /** Why the server refused it, for the dealer. */
  refusal(action: StoredAction, retcode: number): string;
  /** The confirmation message once its event arrived. */
  confirmed(action: StoredAction, dealTicket: number | null): string;
}

export interface DeliveryOptions {
  /** How long a reply may take before it counts as lost. */
  replyTimeoutMs: number;
  /** The wait before looking for a lost one, per attempt (the last repeats). */
  retryDelaysMs: readonly number[];
  /** Sends in all; after the last one is lost and not found, the action is unresolved. */
  maxAttempts: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  replyTimeoutMs: 5_000,
  retryDelaysMs: [1_000, 2_000, 4_000],
  maxAttempts: 3,
};

export interface DeliveryDeps {
  ledger: ActionLedger;
  gateway(server: string): ServerGateway | undefined;
  channel(action: StoredAction): Channel;
  timers: Timers;
  clock: () => number;
  options: DeliveryOptions;
  /** Where a failure of work nobody awaits (a scheduled look) is reported. */
  log: (line: string) => void;
}

class ReplyTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${formatSeconds(ms)}`);
  }
}

export class Delivery {
  /** The attempt whose reply counts, per action. */
  private readonly attemptNo = new Map<string, number>();
  /** At most one scheduled look per action. */
  private readonly scheduled = new Map<string, unknown>();
  private readonly replyTimers = new Set<unknown>();
  private readonly busy = new Set<Promise<void>>();
  private disposed = false;

  constructor(private readonly deps: DeliveryDeps) {}

  /** Sends an action that stands at 'sending'; resolves once its first reply was handled (or lost). */
  send(action: StoredAction, operator: string): Promise<void> {
    return this.track(this.attempt(action.id, operator));
  }

  /**
   * Resumes an action a previous run left unsettled: 'sending' is looked for first (cache, then
   * server) and sent again only if neither has it; 'pending' is confirmed if its event is already
   * in the cache, else it keeps waiting for it.
   */
  resume(id: string): Promise<void> {
    const action = this.deps.ledger.get(id);
    if (action?.state === 'sending') return this.track(this.look(id, 0));
    if (action?.state === 'pending') {
      const sighting = this.deps.channel(action).inCache(action);
      if (sighting.applied) this.confirm(action, sighting.dealTicket);
    }
    return Promise.resolve();
  }

  /** The server's event for it arrived: confirmed, whatever the replies still say. */
  confirm(action: StoredAction, dealTicket: number | null): StoredAction {
    this.unschedule(action.id);
    const ticket = dealTicket ?? action.dealTicket;
    return this.deps.ledger.step(
      action,
      { state: 'confirmed', dealTicket: ticket, error: null },
      { operator: DESK_OPERATOR, result: 'confirmed', message: this.deps.channel(action).confirmed(action, ticket) },
      this.deps.clock(),
    );
  }

  /** Settles once nothing is being sent or looked for (scheduled retries may remain). */
  async idle(): Promise<void> {
    while (this.busy.size > 0) await Promise.allSettled([...this.busy]);
  }

  dispose(): void {
    this.disposed = true;
    for (const handle of this.scheduled.values()) this.deps.timers.clearTimeout(handle);
    for (const handle of this.replyTimers) this.deps.timers.clearTimeout(handle);
    this.scheduled.clear();
    this.replyTimers.clear();
  }

  // ── the steps ──────────────────────────────────────────────────────────────────────────────

  private async attempt(id: string, operator: string): Promise<void> {
    const { ledger, clock, options } = this.deps;
    const current = ledger.get(id);
    if (this.disposed || current?.state !== 'sending') return;
    const gateway = this.deps.gateway(current.server);
    if (!gateway) {
      this.fail(current, `The desk has no connection to ${current.server} that can send it`, null);
      return;
    }
    const attempt = current.attempts + 1;
    const action = ledger.step(
      current,
      { attempts: attempt },
      {
        operator,
        result: 'pending',
        message: `Sent to ${current.server} (attempt ${attempt} of ${options.maxAttempts}).`,
      },
      clock(),
    );
    this.attemptNo.set(id, attempt);
    let reply: BalanceReply;
    try {
      reply = await this.withTimeout(this.deps.channel(action).send(action, gateway));
    } catch (error) {
      this.replyLost(id, attempt, error);
      return;
    }
    this.replied(id, attempt, reply);
  }

  private replied(id: string, attempt: number, reply: BalanceReply): void {
    const action = this.deps.ledger.get(id);
    if (this.disposed || !action) return;
    const done = isDone(reply.retcode);
    const ticket = reply.dealTicket ?? null;
    if (done && ticket !== null && action.dealTicket !== null && ticket !== action.dealTicket) {
      this.bookedTwice(action, ticket);
      return;
    }
    const current = attempt === this.attemptNo.get(id);
    if (done && (action.state === 'sending' || action.state === 'unresolved')) {
      // A late "done" to an earlier attempt is news too: the server booked it.
      this.accepted(action, ticket, current ? 'Accepted' : `Accepted (late reply to attempt ${attempt})`);
      return;
    }
    if (!current || action.state !== 'sending') return;
    this.fail(action, this.deps.channel(action).refusal(action, reply.retcode), reply.retcode);
  }

  private replyLost(id: string, attempt: number, error: unknown): void {
    const action = this.deps.ledger.get(id);
    if (this.disposed || !action || attempt !== this.attemptNo.get(id) || action.state !== 'sending') return;
    const delay = this.delayAfter(action.attempts);
    this.deps.ledger.note(action, {
      operator: DESK_OPERATOR,
      result: 'pending',
      message:
        `No reply from ${action.server} (${describe(error)}); it may or may not have been applied. ` +
        `Looking for it in ${formatSeconds(delay)} before sending it again.`,
    });
    this.schedule(id, delay, 0);
  }

  /** After a lost reply: the cache, then the server; send again only if neither has it. */
  private async look(id: string, failedLooks: number): Promise<void> {
    const { ledger, options } = this.deps;
    const action = ledger.get(id);
    if (this.disposed || action?.state !== 'sending') return;
    const channel = this.deps.channel(action);
    let sighting = channel.inCache(action);
    if (!sighting.applied) {
      const gateway = this.deps.gateway(action.server);
      try {
        if (!gateway) throw new Error(`no connection to ${action.server}`);
        sighting = await this.withTimeout(channel.onServer(action, gateway));
      } catch (error) {
        this.lookFailed(id, failedLooks + 1, error);
        return;
      }
    }
    const now = ledger.get(id);
    // The event may have confirmed it while the server was being asked.
    if (this.disposed || now?.state !== 'sending') return;
    if (sighting.applied) {
      if (sighting.confirmed) this.confirm(now, sighting.dealTicket);
      else this.accepted(now, sighting.dealTicket, `Found on ${now.server} after the reply was lost`);
      return;
    }
    if (now.attempts >= options.maxAttempts) {
      this.unresolved(
        now,
        `No reply after ${now.attempts} attempts, and ${now.server} shows no deal or change for ${now.id} yet. ` +
          `Check login ${now.login} on ${now.server} before sending it again.`,
      );
      return;
    }
    await this.attempt(id, DESK_OPERATOR);
  }

  private lookFailed(id: string, failedLooks: number, error: unknown): void {
    const action = this.deps.ledger.get(id);
    if (this.disposed || action?.state !== 'sending') return;
    if (failedLooks >= this.deps.options.maxAttempts) {
      this.unresolved(
        action,
        `${action.server} did not answer whether it applied ${action.id} (${describe(error)}). ` +
          `Check login ${action.login} on ${action.server} before sending it again.`,
      );
      return;
    }
    const delay = this.delayAfter(failedLooks);
    this.deps.ledger.note(action, {
      operator: DESK_OPERATOR,
      result: 'pending',
      message: `Could not ask ${action.server} whether it applied it (${describe(error)}); asking again in ${formatSeconds(delay)}.`,
    });
    this.schedule(id, delay, failedLooks);
  }

  // ── outcomes ───────────────────────────────────────────────────────────────────────────────

  private accepted(action: StoredAction, dealTicket: number | null, how: string): void {
    this.unschedule(action.id);
    const deal = dealTicket === null ? '' : ` as deal #${dealTicket}`;
    this.deps.ledger.step(
      action,
      { state: 'pending', dealTicket: dealTicket ?? action.dealTicket, error: null },
      {
        operator: DESK_OPERATOR,
        result: 'pending',
        message: `${how} by ${action.server}${deal}; waiting for the server's event to confirm it.`,
      },
      this.deps.clock(),
    );
  }

  private fail(action: StoredAction, message: string, retcode: number | null): void {
    this.unschedule(action.id);
    this.deps.ledger.step(
      action,
      { state: 'failed', error: { message, retcode } },
      { operator: DESK_OPERATOR, result: 'failed', message: `Failed: ${message}.` },
      this.deps.clock(),
    );
  }

  private unresolved(action: StoredAction, message: string): void {
    this.unschedule(action.id);
    this.deps.ledger.step(
      action,
      { state: 'unresolved', error: { message, retcode: null } },
      { operator: DESK_OPERATOR, result: 'unresolved', message },
      this.deps.clock(),
    );
  }

  /** Two "done" replies with different deals: the server applied it twice; a person must reverse one. */
  private bookedTwice(action: StoredAction, otherTicket: number): void {
    this.unresolved(
      action,
      `${action.server} booked ${action.id} twice, as deals #${action.dealTicket} and #${otherTicket}: ` +
        `reverse one of them on login ${action.login}.`,
    );
  }

  // ── timers ─────────────────────────────────────────────────────────────────────────────────

  private delayAfter(attempt: number): number {
    const delays = this.deps.options.retryDelaysMs;
    return delays[Math.min(Math.max(attempt - 1, 0), delays.length - 1)] ?? 0;
  }

  private schedule(id: string, delayMs: number, failedLooks: number): void {
    this.unschedule(id);
    const handle = this.deps.timers.setTimeout(() => {
      this.scheduled.delete(id);
      this.track(this.look(id, failedLooks)).catch((error: unknown) =>
        this.deps.log(`actions: looking for ${id} failed: ${describe(error)}`),
      );
    }, delayMs);
    this.scheduled.set(id, handle);
  }

  private unschedule(id: string): void {
    const handle = this.scheduled.get(id);
    if (handle === undefined) return;
    this.deps.timers.clearTimeout(handle);
    this.scheduled.delete(id);
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    const { timers, options } = this.deps;
    return new Promise<T>((resolve, reject) => {
      const handle = timers.setTimeout(() => {
        this.replyTimers.delete(handle);
        reject(new ReplyTimeout(options.replyTimeoutMs));
      }, options.replyTimeoutMs);
      this.replyTimers.add(handle);
      const settle = () => {
        timers.clearTimeout(handle);
        this.replyTimers.delete(handle);
      };
      promise.then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          settle();
          reject(error);
        },
      );
    });
  }

  private track(work: Promise<void>): Promise<void> {
    const tracked = work.finally(() => this.busy.delete(tracked));
    this.busy.add(tracked);
    return tracked;
  }
}

function describe(error: unknown): string {
  if (error instanceof ReplyTimeout) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return message === '' ? 'the connection dropped' : message;
}

const formatSeconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;
