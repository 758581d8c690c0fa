/**
 * The fake desk's issue-5 side: operators and sessions, limits, dealer actions (confirmed a moment
 * after they are sent, as a server's event would), the audit trail and the client drawer. Small
 * and in memory; its "hash" is a plain checksum, not the core's sha256 chain.
 */
import {
  type ActionRow,
  type AuditEntry,
  type AuditFilter,
  type BalanceKind,
  balanceKinds,
  type ImpactPreview,
} from '../../shared/actions';
import type { DeskApi, Reply, RequestInput, StreamName, StreamPayload } from '../../shared/contract';
import {
  defaultLimits,
  type Limits,
  type Operator,
  operatorNameSchema,
  passwordSchema,
  type Role,
  roleGrants,
} from '../../shared/operators';
import type { AccountRow } from '../../shared/rows';
import { parseAmount } from '../features/actions/balance-form';

type Issue5 =
  | 'session.state'
  | 'session.setup'
  | 'session.signIn'
  | 'session.signOut'
  | 'operators.list'
  | 'operators.save'
  | 'limits.get'
  | 'limits.save'
  | 'actions.balance'
  | 'actions.account'
  | 'actions.preview'
  | 'actions.approve'
  | 'actions.reject'
  | 'actions.list'
  | 'actions.bulk'
  | 'groups.list'
  | 'audit.list'
  | 'audit.verify'
  | 'audit.export'
  | 'clients.drawer';

export type FakeDealerApi = Pick<DeskApi, Issue5>;

/** What the fake's handlers say happened; the trail adds id, time and hash. */
type AuditRecordLike = Omit<AuditEntry, 'id' | 'atMsc' | 'hash'>;

export interface FakeDealerDeps {
  accounts: Map<string, AccountRow>;
  emit: <K extends StreamName>(stream: K, payload: StreamPayload<K>) => void;
  /** How long a sent action waits for its "server event". */
  confirmMs?: number;
}

const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
const refuse = (code: 'bad_request' | 'forbidden' | 'signed_out', message: string): Reply<never> => ({
  ok: false,
  error: { code, message },
});

const GROUPS = [
  { name: 'real\\std-usd', currency: 'USD', hedging: true, marginCallLevel: 100, stopOutLevel: 50 },
  { name: 'real\\pro-usd', currency: 'USD', hedging: true, marginCallLevel: 100, stopOutLevel: 50 },
  { name: 'real\\vip-usd', currency: 'USD', hedging: false, marginCallLevel: 80, stopOutLevel: 30 },
];

/** A checksum for the fake's chain (FNV-1a), enough to show what verify reports. */
function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const csvCell = (v: unknown) => {
  const text = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function createFakeDealer(deps: FakeDealerDeps): FakeDealerApi & {
  operator(): { name: string; role: Role } | null;
} {
  const { accounts, emit } = deps;
  const confirmMs = deps.confirmMs ?? 400;
  const operators = new Map<string, { op: Operator; password: string }>();
  let current: { name: string; role: Role } | null = null;
  let limits: Limits = defaultLimits;
  const actions = new Map<string, ActionRow>();
  const byRequestId = new Map<string, string>();
  const audit: AuditEntry[] = [];
  let nextAction = 1;

  const state = () => ({
    operator: current,
    setupNeeded: operators.size === 0,
    permissions: current ? [...roleGrants[current.role]] : [],
  });

  function record(entry: AuditRecordLike): void {
    const id = audit.length + 1;
    const atMsc = Date.now();
    const prev = audit.at(-1)?.hash ?? '';
    const hash = checksum(prev + JSON.stringify({ id, atMsc, ...entry }));
    audit.push({ id, atMsc, ...entry, hash });
  }

  const who = () => current?.name ?? '(nobody)';

  function publish(row: ActionRow): ActionRow {
    actions.set(row.id, row);
    emit('actions', { upserts: [row], removes: [] });
    return row;
  }

  function update(id: string, patch: Partial<ActionRow>): ActionRow {
    const row = { ...actions.get(id)!, ...patch, updatedAtMsc: Date.now() };
    return publish(row);
  }

  function applyToAccount(row: ActionRow): void {
    const account = accounts.get(`${row.server}:${row.login}`);
    if (!account) return;
    const next = { ...account };
    if (row.amount !== null) {
      const kind = balanceKinds[row.kind as BalanceKind];
      if (kind.action === 3 || kind.action === 6) next.credit += row.amount;
      else next.balance += row.amount;
      next.equity += row.amount;
      next.marginFree += row.amount;
    } else if (row.kind === 'leverage') {
      const leverage = Number(row.after.replace('1:', ''));
      next.margin = Math.round((account.margin * account.leverage) / leverage);
      next.leverage = leverage;
      next.marginFree = next.equity - next.margin;
    } else if (row.kind === 'group') {
      next.group = row.after;
    } else if (row.kind === 'trading') {
      next.tradeDisabled = row.after === 'disabled';
    }
    next.marginLevel = next.margin > 0 ? (next.equity / next.margin) * 100 : null;
    accounts.set(next.id, next);
    emit('accounts', { upserts: [next], removes: [] });
  }

  function send(id: string): void {
    update(id, { state: 'pending', attempts: (actions.get(id)?.attempts ?? 0) + 1 });
    setTimeout(() => {
      const row = actions.get(id);
      if (row?.state !== 'pending') return;
      applyToAccount(row);
      update(id, { state: 'confirmed', dealTicket: row.amount !== null ? 9_000_000 + nextAction++ : null });
      record({
        operator: row.requestedBy,
        action: row.amount !== null ? `balance.${row.kind}` : `account.${row.kind}`,
        server: row.server,
        login: row.login,
        subject: row.id,
        before: row.before,
        after: row.after,
        result: 'confirmed',
        message: 'The server confirmed it.',
      });
    }, confirmMs);
  }

  function preview(account: AccountRow, change: RequestInput<'actions.preview'>['change']): ImpactPreview {
    let { equity, margin } = account;
    let { marginCallLevel, stopOutLevel } = account;
    const warnings: string[] = [];
    if (change.kind === 'leverage') margin = Math.round((margin * account.leverage) / Math.max(1, change.leverage));
    if (change.kind === 'withdrawal') {
      const parsed = parseAmount(String(change.amount), 'withdrawal');
      if (parsed.ok) equity -= parsed.cents;
      else warnings.push(parsed.message);
    }
    if (change.kind === 'group') {
      const group = GROUPS.find((g) => g.name === change.group);
      if (group) ({ marginCallLevel, stopOutLevel } = group);
      else warnings.push(`No group ${change.group} on ${account.server}.`);
    }
    const level = margin > 0 ? (equity / margin) * 100 : null;
    const crosses =
      level === null ? 'none' : level <= stopOutLevel ? 'stop-out' : level <= marginCallLevel ? 'margin-call' : 'none';
    if (equity - margin < 0) warnings.push('Free margin would go below zero: the server refuses it.');
    return {
      server: account.server,
      login: account.login,
      currency: account.currency,
      before: {
        equity: account.equity,
        margin: account.margin,
        marginFree: account.marginFree,
        marginLevel: account.marginLevel,
      },
      after: { equity, margin, marginFree: equity - margin, marginLevel: level },
      marginCallLevel,
      stopOutLevel,
      crosses,
      warnings,
    };
  }

  type BalanceInput = RequestInput<'actions.balance'>;
  function balance(input: BalanceInput, dryRun = false): Reply<ActionRow> | { dry: string } {
    const account = accounts.get(`${input.server}:${input.login}`);
    const refused = (message: string) => {
      record({
        operator: who(),
        action: `balance.${input.kind}`,
        server: input.server,
        login: input.login,
        subject: '',
        before: null,
        after: { amount: input.amount },
        result: 'refused',
        message,
      });
      return refuse('forbidden', message);
    };
    if (!account) return refused(`There is no account ${input.login} on ${input.server}.`);
    const parsed = parseAmount(String(input.amount), input.kind);
    if (!parsed.ok) return refused(parsed.message);
    const whole = Math.abs(parsed.cents) / 100;
    if (current?.role === 'dealer' && whole > limits.dealerMaxAmount) {
      return refused(`${whole} ${account.currency} is above your limit of ${limits.dealerMaxAmount} per operation.`);
    }
    if (dryRun) return { dry: whole > limits.fourEyesAbove ? 'would wait for a second operator' : 'would be sent' };
    const known = input.requestId ? byRequestId.get(input.requestId) : undefined;
    if (known) return ok(actions.get(known)!);
    const sign = balanceKinds[input.kind].sign;
    const amount = sign === 0 ? parsed.cents : sign * Math.abs(parsed.cents);
    const now = Date.now();
    const id = `DD-${String(nextAction++).padStart(8, '0')}`;
    const note = input.note ?? '';
    const row = publish({
      id,
      server: account.server,
      login: account.login,
      kind: input.kind,
      amount,
      currency: account.currency,
      before: '',
      after: `${id} ${note}`.trim(),
      note,
      state: whole > limits.fourEyesAbove ? 'awaiting-approval' : 'sending',
      requestedBy: who(),
      requestedAtMsc: now,
      approvedBy: null,
      attempts: 0,
      dealTicket: null,
      updatedAtMsc: now,
      error: null,
    });
    if (input.requestId) byRequestId.set(input.requestId, id);
    record({
      operator: who(),
      action: `balance.${input.kind}`,
      server: row.server,
      login: row.login,
      subject: id,
      before: null,
      after: { amount, note },
      result: row.state === 'awaiting-approval' ? 'ok' : 'pending',
      message: row.state === 'awaiting-approval' ? 'Waits for a second operator.' : 'Sent.',
    });
    if (row.state === 'sending') send(id);
    return ok(actions.get(id)!);
  }

  type AccountInput = RequestInput<'actions.account'>;
  function accountChange(input: AccountInput): Reply<ActionRow> {
    const account = accounts.get(`${input.server}:${input.login}`);
    if (!account) return refuse('bad_request', `There is no account ${input.login} on ${input.server}.`);
    const { change } = input;
    const [before, after] =
      change.kind === 'leverage'
        ? [`1:${account.leverage}`, `1:${change.leverage}`]
        : change.kind === 'group'
          ? [account.group, change.group]
          : [account.tradeDisabled ? 'disabled' : 'enabled', change.enabled ? 'enabled' : 'disabled'];
    if (change.kind === 'group' && !GROUPS.some((g) => g.name === change.group)) {
      return refuse('bad_request', `No group ${change.group} on ${account.server}.`);
    }
    const now = Date.now();
    const id = `DA-${String(nextAction++).padStart(8, '0')}`;
    publish({
      id,
      server: account.server,
      login: account.login,
      kind: change.kind,
      amount: null,
      currency: account.currency,
      before,
      after,
      note: '',
      state: 'sending',
      requestedBy: who(),
      requestedAtMsc: now,
      approvedBy: null,
      attempts: 0,
      dealTicket: null,
      updatedAtMsc: now,
      error: null,
    });
    record({
      operator: who(),
      action: `account.${change.kind}`,
      server: account.server,
      login: account.login,
      subject: id,
      before,
      after,
      result: 'pending',
      message: 'Sent.',
    });
    send(id);
    return ok(actions.get(id)!);
  }

  function matches(e: AuditEntry, f: AuditFilter): boolean {
    return (
      (f.operator === undefined || e.operator === f.operator) &&
      (f.action === undefined || e.action.startsWith(f.action)) &&
      (f.server === undefined || e.server === f.server) &&
      (f.login === undefined || e.login === f.login) &&
      (f.result === undefined || e.result === f.result) &&
      (f.fromMsc === undefined || e.atMsc >= f.fromMsc) &&
      (f.toMsc === undefined || e.atMsc <= f.toMsc)
    );
  }

  return {
    operator: () => current,
    'session.state': async () => ok(state()),
    'session.setup': async ({ name, password }) => {
      if (operators.size > 0) return refuse('forbidden', 'The desk already has an admin: sign in instead.');
      const n = operatorNameSchema.safeParse(name);
      if (!n.success) return refuse('bad_request', n.error.issues[0]?.message ?? 'Bad name.');
      const p = passwordSchema.safeParse(password);
      if (!p.success) return refuse('bad_request', p.error.issues[0]?.message ?? 'Bad password.');
      operators.set(n.data, {
        op: { name: n.data, role: 'admin', disabled: false, createdAtMsc: Date.now(), createdBy: n.data },
        password,
      });
      current = { name: n.data, role: 'admin' };
      record({
        operator: n.data,
        action: 'session.setup',
        server: null,
        login: null,
        subject: n.data,
        before: null,
        after: null,
        result: 'ok',
        message: 'First admin created.',
      });
      return ok(state());
    },
    'session.signIn': async ({ name, password }) => {
      const found = operators.get(name.trim());
      if (!found || found.password !== password) return refuse('forbidden', 'Wrong name or password.');
      if (found.op.disabled) return refuse('forbidden', `${found.op.name} is disabled.`);
      current = { name: found.op.name, role: found.op.role };
      record({
        operator: found.op.name,
        action: 'session.sign-in',
        server: null,
        login: null,
        subject: found.op.name,
        before: null,
        after: null,
        result: 'ok',
        message: '',
      });
      return ok(state());
    },
    'session.signOut': async () => {
      current = null;
      return ok(state());
    },
    'operators.list': async () => ok([...operators.values()].map((o) => o.op)),
    'operators.save': async ({ name, role, password, disabled }) => {
      const n = operatorNameSchema.safeParse(name);
      if (!n.success) return refuse('bad_request', n.error.issues[0]?.message ?? 'Bad name.');
      const existing = operators.get(n.data);
      if (!existing && !password) return refuse('bad_request', 'A new operator needs a password.');
      if (password !== undefined) {
        const p = passwordSchema.safeParse(password);
        if (!p.success) return refuse('bad_request', p.error.issues[0]?.message ?? 'Bad password.');
      }
      const op: Operator = existing
        ? { ...existing.op, role, disabled: disabled ?? false }
        : { name: n.data, role, disabled: disabled ?? false, createdAtMsc: Date.now(), createdBy: who() };
      operators.set(n.data, { op, password: password ?? existing?.password ?? '' });
      record({
        operator: who(),
        action: 'operator.save',
        server: null,
        login: null,
        subject: n.data,
        before: existing?.op ?? null,
        after: op,
        result: 'ok',
        message: '',
      });
      return ok(op);
    },
    'limits.get': async () => ok(limits),
    'limits.save': async ({ limits: next }) => {
      record({
        operator: who(),
        action: 'limits.save',
        server: null,
        login: null,
        subject: 'limits',
        before: limits,
        after: next,
        result: 'ok',
        message: '',
      });
      limits = next;
      return ok(limits);
    },
    'actions.balance': async (input) => balance({ ...input, note: input.note ?? '' }) as Reply<ActionRow>,
    'actions.account': async (input) => accountChange(input),
    'actions.preview': async ({ server, login, change }) => {
      const account = accounts.get(`${server}:${login}`);
      if (!account) return refuse('bad_request', `There is no account ${login} on ${server}.`);
      return ok(preview(account, change));
    },
    'actions.approve': async ({ id }) => {
      const row = actions.get(id);
      if (row?.state !== 'awaiting-approval') return refuse('bad_request', `Action ${id} does not wait for approval.`);
      if (row.requestedBy === who()) return refuse('forbidden', 'A second operator must approve it.');
      update(id, { approvedBy: who(), state: 'sending' });
      send(id);
      return ok(actions.get(id)!);
    },
    'actions.reject': async ({ id, reason }) => {
      const row = actions.get(id);
      if (row?.state !== 'awaiting-approval') return refuse('bad_request', `Action ${id} does not wait for approval.`);
      return ok(update(id, { state: 'rejected', approvedBy: who(), error: { message: reason, retcode: null } }));
    },
    'actions.list': async ({ server, login }) =>
      ok(
        [...actions.values()]
          .filter((a) => (server === undefined || a.server === server) && (login === undefined || a.login === login))
          .sort((a, b) => b.requestedAtMsc - a.requestedAtMsc),
      ),
    'actions.bulk': async ({ accounts: targets, action, dryRun }) => {
      const results = targets.map(({ server, login }) => {
        const account = accounts.get(`${server}:${login}`);
        if (!account)
          return {
            server,
            login,
            ok: false,
            message: `No account ${login} on ${server}.`,
            preview: null,
            action: null,
          };
        if (action.kind === 'balance') {
          const input = { server, login, kind: action.balanceKind, amount: action.amount, note: action.note ?? '' };
          const reply = balance(input, dryRun);
          const shown =
            action.balanceKind === 'withdrawal'
              ? preview(account, { kind: 'withdrawal', amount: action.amount })
              : null;
          if ('dry' in reply) return { server, login, ok: true, message: reply.dry, preview: shown, action: null };
          return reply.ok
            ? { server, login, ok: true, message: 'Sent.', preview: shown, action: reply.value }
            : { server, login, ok: false, message: reply.error.message, preview: shown, action: null };
        }
        const shown = action.change.kind === 'trading' ? null : preview(account, action.change);
        if (dryRun) return { server, login, ok: true, message: 'would be sent', preview: shown, action: null };
        const reply = accountChange({ server, login, change: action.change });
        return reply.ok
          ? { server, login, ok: true, message: 'Sent.', preview: shown, action: reply.value }
          : { server, login, ok: false, message: reply.error.message, preview: shown, action: null };
      });
      return ok({ dryRun, results });
    },
    'groups.list': async () => ok(GROUPS),
    'audit.list': async ({ beforeId, limit, ...filter }) =>
      ok(
        audit
          .filter((e) => matches(e, filter) && (beforeId === undefined || e.id < beforeId))
          .reverse()
          .slice(0, limit ?? 500),
      ),
    'audit.verify': async () => {
      let prev = '';
      for (const e of audit) {
        const { hash, ...content } = e;
        if (checksum(prev + JSON.stringify(content)) !== hash) {
          return ok({
            entries: audit.length,
            ok: false,
            firstBroken: { id: e.id, reason: 'its content does not match its hash' },
          });
        }
        prev = hash;
      }
      return ok({ entries: audit.length, ok: true, firstBroken: null });
    },
    'audit.export': async (filter) => {
      const rows = audit.filter((e) => matches(e, filter));
      const head = 'id,atMsc,operator,action,server,login,subject,before,after,result,message,hash';
      const lines = rows.map((e) =>
        [
          e.id,
          e.atMsc,
          e.operator,
          e.action,
          e.server,
          e.login,
          e.subject,
          e.before,
          e.after,
          e.result,
          e.message,
          e.hash,
        ]
          .map(csvCell)
          .join(','),
      );
      return ok({
        filename: `audit-${new Date().toISOString().slice(0, 10)}.csv`,
        csv: [head, ...lines].join('\n'),
        rows: rows.length,
      });
    },
    'clients.drawer': async ({ server, login }) => {
      const account = accounts.get(`${server}:${login}`);
      if (!account) return refuse('bad_request', `There is no account ${login} on ${server}.`);
      const theirs = [...accounts.values()].filter((a) => a.clientId !== null && a.clientId === account.clientId);
      const logins = new Set(theirs.map((a) => a.id));
      const timeline = [...actions.values()]
        .filter((a) => logins.has(`${a.server}:${a.login}`))
        .map((a) => ({
          atMsc: a.updatedAtMsc,
          kind: a.amount !== null ? ('money' as const) : ('action' as const),
          server: a.server,
          login: a.login,
          title: `${a.kind} ${a.state}`,
          detail: a.amount !== null ? `${a.amount / 100} ${a.currency}` : `${a.before} → ${a.after}`,
        }))
        .sort((a, b) => b.atMsc - a.atMsc);
      return ok({
        client: account.clientId
          ? {
              clientId: account.clientId,
              name: account.clientName,
              country: 'DE',
              region: 'Europe',
              kycStatus: 'approved' as const,
              introducingBroker: null,
            }
          : null,
        accounts: theirs.length > 0 ? theirs : [account],
        timeline,
      });
    },
  };
}
