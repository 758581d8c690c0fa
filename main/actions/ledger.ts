/**
 * The one writer of actions: every state change is written to desk.db (durable on return), then
 * audited, then queued for the `actions` stream, in that order, so neither the trail nor a window
 * ever shows a state the store does not hold. It also keeps the actions still waiting for the
 * server's word (sending, pending, unresolved) in memory, where incoming events are matched.
 */
import type { ActionKind, ActionRow, ActionState, AuditResult } from '../../shared/actions';
import { balanceKindSchema } from '../../shared/actions';
import {
  type ActionPatch,
  type ActionsStore,
  actionRowOf,
  type NewAction,
  type StoredAction,
} from '../cache/actions-store';
import type { ActionAudit } from './ports';

/** Who the trail names for the steps the desk takes on its own (retries, confirmations). */
export const DESK_OPERATOR = '(desk)';

/** States in which the server's event may still arrive. */
const AWAITING_SERVER: ReadonlySet<ActionState> = new Set(['sending', 'pending', 'unresolved']);

/** `balance.deposit`, `account.leverage`: the action name the audit trail files each step under. */
export function auditActionOf(kind: ActionKind): string {
  return balanceKindSchema.safeParse(kind).success ? `balance.${kind}` : `account.${kind}`;
}

export interface StepAudit {
  operator: string;
  result: AuditResult;
  message: string;
}

export class ActionLedger {
  private readonly changed = new Map<string, ActionRow>();
  /** Sending, pending or unresolved: matched against every applied event. */
  readonly awaitingServer = new Map<string, StoredAction>();

  constructor(
    private readonly store: ActionsStore,
    private readonly audit: ActionAudit,
  ) {}

  get(id: string): StoredAction | undefined {
    return this.store.get(id);
  }

  /** Loads what a restart must resume into the in-memory index and returns every unsettled action. */
  load(): StoredAction[] {
    const unsettled = this.store.unsettled();
    for (const action of unsettled) this.track(action);
    return unsettled;
  }

  /** Creates the action (taking its transaction id) and audits the request. */
  create(draft: NewAction, commentFor: ((id: string) => string) | undefined, audit: StepAudit): StoredAction {
    const action = this.store.create(draft, commentFor);
    this.audit.append({
      operator: audit.operator,
      action: auditActionOf(action.kind),
      server: action.server,
      login: action.login,
      subject: action.id,
      before: { account: action.before },
      after: {
        account: action.after,
        state: action.state,
        amount: action.amount,
        currency: action.currency,
        ...(action.comment !== null && { comment: action.comment }),
        ...(action.change !== null && { change: action.change }),
        ...(action.note !== '' && { note: action.note }),
      },
      result: audit.result,
      message: audit.message,
    });
    this.touched(action);
    return action;
  }

  /** Writes a change of the action, then audits it. */
  step(action: StoredAction, patch: ActionPatch, audit: StepAudit, now: number): StoredAction {
    const next = this.store.update(action.id, { ...patch, updatedAtMsc: now });
    this.note(next, audit, { state: action.state });
    this.touched(next);
    return next;
  }

  /** Audits something that happened to the action without changing it (a lost reply, a lookup). */
  note(action: StoredAction, audit: StepAudit, before: unknown = { state: action.state }): void {
    this.audit.append({
      operator: audit.operator,
      action: auditActionOf(action.kind),
      server: action.server,
      login: action.login,
      subject: action.id,
      before,
      after: {
        state: action.state,
        attempts: action.attempts,
        ...(action.dealTicket !== null && { dealTicket: action.dealTicket }),
        ...(action.approvedBy !== null && { approvedBy: action.approvedBy }),
        ...(action.error !== null && { error: action.error }),
      },
      result: audit.result,
      message: audit.message,
    });
  }

  /** Rows changed since the last call, latest state per action. */
  takeChanges(): ActionRow[] {
    const rows = [...this.changed.values()];
    this.changed.clear();
    return rows;
  }

  private touched(action: StoredAction): void {
    this.changed.set(action.id, actionRowOf(action));
    this.track(action);
  }

  private track(action: StoredAction): void {
    if (AWAITING_SERVER.has(action.state)) this.awaitingServer.set(action.id, action);
    else this.awaitingServer.delete(action.id);
  }
}
