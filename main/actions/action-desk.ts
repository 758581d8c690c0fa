/**
 * The dealer's actions as one service: balance operations, account changes, their previews,
 * four-eyes approval, bulk runs, and the matching of the server's events that confirm them.
 * Every step is written to desk.db first, then to the audit trail, then to the `actions` stream.
 * Refusals are audited too, then thrown as DeskRequestError for the router to return.
 *
 * Wiring (main/core): one ActionDesk per core; each handler is one call with the signed-in actor;
 * `applied` from `ingest.onApplied`; `takeChanges` once per frame into the `actions` stream;
 * `restore` once the sources are started; `dispose` on stop.
 */
import type { ActionRow, BalanceRequest, BulkRequest, BulkResult, ImpactPreview } from '../../shared/actions';
import { balanceKinds } from '../../shared/actions';
import { DeskRequestError, type ParsedInput, type RequestOutput } from '../../shared/contract';
import type { ServerId } from '../../shared/domain';
import type { SyncEvent } from '../../shared/events';
import { isHedging } from '../../shared/mt5';
import type { Limits } from '../../shared/operators';
import { formatMoney } from '../../shared/units';
import { type ActionsStore, actionRowOf, type StoredAction } from '../cache/actions-store';
import { accountChannel, changeReached, planAccountChange } from './account-changes';
import { parseAmount } from './amounts';
import { balanceChannel, commentFor, dealMatches, planBalance, toDeskCurrency } from './balance-operations';
import { runBulk } from './bulk';
import { type Channel, DEFAULT_DELIVERY, Delivery, type DeliveryOptions } from './delivery';
import { ActionLedger, auditActionOf } from './ledger';
import { type ActionAudit, type ActionBook, type ActionMirror, type Actor, realTimers, type Timers } from './ports';
import { previewImpact } from './preview';
import type { ServerGateway } from './server-gateway';
import { commentTokens } from './transaction-ids';
import { type ActionContext, forbid, refuse, requireGateway, requirePermission } from './validation';

export interface ActionDeskDeps {
  store: ActionsStore;
  audit: ActionAudit;
  book: ActionBook;
  mirror: ActionMirror;
  /** One per server the desk can act on (the simulator's now, the Web API's with issue 7). */
  gateways: readonly ServerGateway[];
  /** The current limits (the operators' settings); read on every request. */
  limits: () => Limits;
  deskCurrency: string;
  /** Desk wall clock, ms. */
  clock?: () => number;
  timers?: Timers;
  delivery?: Partial<DeliveryOptions>;
  log?: (line: string) => void;
}

export type AccountRequest = ParsedInput<'actions.account'>;
export type PreviewRequest = ParsedInput<'actions.preview'>;
export type GroupInfo = RequestOutput<'groups.list'>[number];

/** Settled actions stay in the list this long. */
const SETTLED_LIST_MS = 24 * 60 * 60_000;

export class ActionDesk {
  private readonly ledger: ActionLedger;
  private readonly delivery: Delivery;
  private readonly ctx: ActionContext;
  private readonly clock: () => number;
  private readonly channels: { balance: Channel; account: Channel };

  constructor(private readonly deps: ActionDeskDeps) {
    this.clock = deps.clock ?? Date.now;
    const gateways = new Map(deps.gateways.map((g) => [g.server, g]));
    this.ctx = {
      book: deps.book,
      mirror: deps.mirror,
      gateway: (s) => gateways.get(s),
      deskCurrency: deps.deskCurrency,
    };
    this.ledger = new ActionLedger(deps.store, deps.audit);
    // Events can confirm what a previous run left waiting from the first batch on, before `restore`.
    this.ledger.load();
    this.channels = { balance: balanceChannel(deps.mirror), account: accountChannel(deps.mirror) };
    this.delivery = new Delivery({
      ledger: this.ledger,
      gateway: (server) => gateways.get(server),
      channel: (action) => (action.change === null ? this.channels.balance : this.channels.account),
      timers: deps.timers ?? realTimers,
      clock: this.clock,
      options: { ...DEFAULT_DELIVERY, ...deps.delivery },
      log: deps.log ?? (() => {}),
    });
  }

  // ── requests ───────────────────────────────────────────────────────────────────────────────

  /**
   * A balance operation: validated, limit-checked, then sent (or held for a second operator).
   * Resolves once the server's first reply was handled (at most the reply timeout), with the action
   * as it then stands; later changes arrive through `takeChanges`.
   */
  async balance(request: BalanceRequest, actor: Actor): Promise<ActionRow> {
    const auditName = `balance.${request.kind}`;
    const subject = request.requestId ?? `${request.server}:${request.login}`;
    const refusal = (error: unknown) => this.refused(error, actor, auditName, request, subject);
    if (request.requestId !== undefined) {
      const earlier = this.deps.store.byRequest(actor.name, request.requestId);
      if (earlier) {
        if (sameBalanceRequest(earlier, request)) return actionRowOf(earlier);
        throw refusal(
          refuse(`Request id ${request.requestId} was already used for ${earlier.id}, a different operation.`),
        );
      }
    }
    let plan: ReturnType<typeof planBalance>;
    try {
      plan = planBalance(request, actor, this.balanceContext());
    } catch (error) {
      throw refusal(error);
    }
    const now = this.clock();
    const label = balanceKinds[plan.kind].label;
    const action = this.ledger.create(
      {
        server: plan.server,
        login: plan.login,
        kind: plan.kind,
        dealAction: plan.dealAction,
        amount: plan.amount,
        change: null,
        currency: plan.currency,
        before: plan.before,
        after: plan.after,
        note: plan.note,
        state: plan.fourEyes === null ? 'sending' : 'awaiting-approval',
        requestedBy: actor.name,
        requestedAtMsc: now,
        requestId: request.requestId ?? null,
        approvedBy: null,
        attempts: 0,
        dealTicket: null,
        updatedAtMsc: now,
        error: null,
      },
      commentFor(plan.note),
      {
        operator: actor.name,
        result: 'ok',
        message: `Requested: ${label.toLowerCase()} of ${formatMoney(Math.abs(plan.amount))} ${plan.currency} on login ${plan.login} (${plan.server}): ${plan.before} → ${plan.after}.`,
      },
    );
    if (plan.fourEyes !== null) {
      this.ledger.note(action, {
        operator: actor.name,
        result: 'pending',
        message: `Awaiting approval: ${plan.fourEyes}. Another operator with the approve permission must approve it.`,
      });
      return actionRowOf(action);
    }
    await this.delivery.send(action, actor.name);
    return this.rowOf(action.id);
  }

  /** A leverage, group or trading change; resolves once the server's first reply was handled. */
  async account(request: AccountRequest, actor: Actor): Promise<ActionRow> {
    const { server, login, change } = request;
    const subject = `${server}:${login}`;
    let plan: ReturnType<typeof planAccountChange>;
    try {
      plan = planAccountChange(server, login, change, actor, this.ctx);
    } catch (error) {
      throw this.refused(error, actor, `account.${change.kind}`, request, subject);
    }
    const now = this.clock();
    const action = this.ledger.create(
      {
        server,
        login,
        kind: plan.kind,
        dealAction: null,
        amount: null,
        change: plan.change,
        currency: plan.currency,
        before: plan.before,
        after: plan.after,
        note: '',
        state: 'sending',
        requestedBy: actor.name,
        requestedAtMsc: now,
        requestId: null,
        approvedBy: null,
        attempts: 0,
        dealTicket: null,
        updatedAtMsc: now,
        error: null,
      },
      undefined,
      {
        operator: actor.name,
        result: 'ok',
        message: `Requested: ${plan.kind} of login ${login} (${server}) from ${plan.before} to ${plan.after}.`,
      },
    );
    await this.delivery.send(action, actor.name);
    return this.rowOf(action.id);
  }

  /** What a change would do to the account's margin, before it is sent (not audited: nothing happens). */
  preview(request: PreviewRequest): ImpactPreview {
    return previewImpact(this.ctx, request.server, request.login, request.change);
  }

  /** A second operator approves an operation above the four-eyes limit; it is sent at once. */
  async approve(id: string, actor: Actor): Promise<ActionRow> {
    const action = this.deps.store.get(id);
    try {
      requirePermission(actor, 'approve', 'approve operations');
      if (!action) throw refuse(`There is no action ${id}.`);
      if (action.state !== 'awaiting-approval') throw refuse(`${id} is ${action.state}, not awaiting approval.`);
      if (sameOperator(action.requestedBy, actor.name)) {
        throw forbid(`You requested ${id}; another operator must approve it.`);
      }
      this.checkApproverLimit(action, actor);
    } catch (error) {
      throw this.refused(error, actor, action ? auditActionOf(action.kind) : 'actions.approve', { id }, id, action);
    }
    const approved = this.ledger.step(
      action,
      { state: 'sending', approvedBy: actor.name },
      {
        operator: actor.name,
        result: 'ok',
        message: `Approved by ${actor.name} (requested by ${action.requestedBy}).`,
      },
      this.clock(),
    );
    await this.delivery.send(approved, actor.name);
    return this.rowOf(id);
  }

  /** A second operator (or the requester, withdrawing it) turns an operation down, with the reason. */
  reject(id: string, reason: string, actor: Actor): ActionRow {
    const action = this.deps.store.get(id);
    const why = reason.trim();
    try {
      requirePermission(actor, 'approve', 'reject operations');
      if (!action) throw refuse(`There is no action ${id}.`);
      if (action.state !== 'awaiting-approval') throw refuse(`${id} is ${action.state}, not awaiting approval.`);
      if (why === '') throw refuse('Say why it is rejected: the requester sees the reason.');
    } catch (error) {
      throw this.refused(
        error,
        actor,
        action ? auditActionOf(action.kind) : 'actions.reject',
        { id, reason },
        id,
        action,
      );
    }
    const message = `Rejected by ${actor.name}: ${why}`;
    const rejected = this.ledger.step(
      action,
      { state: 'rejected', error: { message, retcode: null } },
      { operator: actor.name, result: 'refused', message },
      this.clock(),
    );
    return actionRowOf(rejected);
  }

  /** Newest first: every unsettled action, and the settled ones of the last day. */
  list(filter: { server?: ServerId; login?: number } = {}): ActionRow[] {
    return this.deps.store.list({ ...filter, settledSinceMsc: this.clock() - SETTLED_LIST_MS }).map(actionRowOf);
  }

  bulk(request: BulkRequest, actor: Actor): Promise<BulkResult> {
    return runBulk(
      {
        planBalance: (req, a) => planBalance(req, a, this.balanceContext()),
        planAccount: (server, login, change, a) => planAccountChange(server, login, change, a, this.ctx),
        preview: (server, login, change) => previewImpact(this.ctx, server, login, change),
        sendBalance: (req, a) => this.balance(req, a),
        sendAccount: (req, a) => this.account(req, a),
        audit: this.deps.audit,
      },
      request,
      actor,
    );
  }

  /** The client groups of a server an account can move to (coverage groups are the broker's own). */
  groups(server: ServerId): GroupInfo[] {
    requireGateway(this.ctx, server);
    return this.deps.mirror
      .groups(server)
      .filter((g) => !g.coverage)
      .map((g) => ({
        name: g.group,
        currency: g.currency,
        hedging: isHedging(g.marginMode),
        marginCallLevel: g.marginCall,
        stopOutLevel: g.marginStopOut,
      }));
  }

  // ── the server's side ──────────────────────────────────────────────────────────────────────

  /** What the cache applied on one server: the deals and account updates that confirm actions. */
  applied(server: ServerId, events: readonly SyncEvent[]): void {
    const waiting = this.ledger.awaitingServer;
    if (waiting.size === 0) return;
    for (const event of events) {
      if (event.type === 'deal.add') {
        const deal = event.deal;
        for (const token of commentTokens(deal.comment)) {
          const action = waiting.get(token);
          if (action?.server === server && dealMatches(action, deal)) this.delivery.confirm(action, deal.ticket);
        }
      } else if (event.type === 'account.update' || event.type === 'account.add') {
        for (const action of [...waiting.values()]) {
          if (action.server === server && action.change !== null && changeReached(action, event.account)) {
            this.delivery.confirm(action, null);
          }
        }
      }
    }
  }

  /** Actions created or changed since the last call (latest state of each): one `actions` stream frame. */
  takeChanges(): ActionRow[] {
    return this.ledger.takeChanges();
  }

  /**
   * Resumes what a previous run left unsettled: an action left 'sending' is looked for (the cache,
   * then the server) before anything is sent again; a 'pending' one is confirmed if its event is
   * already in the cache. Call once the sources are started. Resolves when each has been looked at.
   */
  async restore(): Promise<void> {
    const unsettled = this.ledger.load();
    await Promise.all(unsettled.map((action) => this.delivery.resume(action.id)));
  }

  /** Resolves once nothing is being sent or looked for (scheduled retries may remain). */
  idle(): Promise<void> {
    return this.delivery.idle();
  }

  /** Stops every retry and timeout; later replies are ignored. */
  dispose(): void {
    this.delivery.dispose();
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────

  private balanceContext() {
    return { ...this.ctx, limits: this.deps.limits, nextId: () => this.deps.store.peekNextId() };
  }

  private rowOf(id: string): ActionRow {
    const action = this.deps.store.get(id);
    if (!action) throw new DeskRequestError('internal', `Action ${id} vanished from desk.db.`);
    return actionRowOf(action);
  }

  /** A dealer approving is bound by their own limit; an admin is not. */
  private checkApproverLimit(action: StoredAction, actor: Actor): void {
    if (actor.role === 'admin' || action.amount === null) return;
    const inDesk = toDeskCurrency(this.ctx, action.server, Math.abs(action.amount), action.currency);
    const limit = this.deps.limits().dealerMaxAmount * 100;
    if (inDesk === null || inDesk > limit) {
      throw forbid(
        `${formatMoney(Math.abs(action.amount))} ${action.currency} is above your limit of ${formatMoney(limit)} ${this.deps.deskCurrency} per operation; an admin can approve it.`,
      );
    }
  }

  /** Audits a refusal (a DeskRequestError) and hands it back to be thrown; anything else passes untouched. */
  private refused(
    error: unknown,
    actor: Actor,
    auditName: string,
    request: unknown,
    subject: string,
    action?: StoredAction,
  ): unknown {
    if (!(error instanceof DeskRequestError)) return error;
    const target = request as { server?: unknown; login?: unknown };
    this.deps.audit.append({
      operator: actor.name,
      action: auditName,
      server: action?.server ?? (typeof target.server === 'string' ? target.server : null),
      login: action?.login ?? (typeof target.login === 'number' ? target.login : null),
      subject,
      before: action ? { state: action.state } : null,
      after: { request },
      result: 'refused',
      message: error.message,
    });
    return error;
  }
}

/** Operator names are unique regardless of case (the operators store folds them to NFKC lower case). */
const sameOperator = (a: string, b: string): boolean => fold(a) === fold(b);
const fold = (name: string) => name.normalize('NFKC').toLowerCase();

/** A resubmit of the same dialog: same account, kind, amount and note. */
function sameBalanceRequest(earlier: StoredAction, request: BalanceRequest): boolean {
  const spec = balanceKinds[request.kind];
  const parsed = parseAmount(request.amount, { signed: spec.sign === 0 });
  const amount = parsed.ok ? (spec.sign === 0 ? parsed.cents : spec.sign * parsed.cents) : Number.NaN;
  return (
    earlier.server === request.server &&
    earlier.login === request.login &&
    earlier.kind === request.kind &&
    earlier.amount === amount &&
    earlier.note === request.note.trim()
  );
}
