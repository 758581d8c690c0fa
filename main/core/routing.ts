/**
 * The dealer's side of toxic flow and A/B routing: the toxic-flow engine fed with every tick and
 * deal the cache applied, its profiles as ranked panel rows, the routing map (which group twins
 * which), and routing decisions. A decision is a group change sent through the actions path, so
 * the account's flag moves only when the server's account update confirms it. Every actionable
 * recommendation, every application and every override (with its reason) goes to the audit trail.
 */
import { DeskRequestError, type Handlers } from '../../shared/contract';
import type { Login, ServerId } from '../../shared/domain';
import type { SyncEvent } from '../../shared/events';
import type { Actor } from '../../shared/operators';
import {
  type RoutingApply,
  type RoutingBook,
  type RoutingPair,
  routingMapSchema,
  type ToxicRow,
} from '../../shared/routing';
import type { RowDelta } from '../../shared/rows';
import { DEFAULT_TOXIC_SETTINGS, parseToxicSettings, type ToxicProfile } from '../../shared/toxic';
import type { ActionDesk } from '../actions/action-desk';
import type { AuditRecord, AuditTrail } from '../audit/trail';
import type { MirrorCache, RecordStore } from '../cache';
import type { DeskBook } from '../engines/book/book';
import { RoutingMap } from '../engines/routing/routing-map';
import { ToxicFlowEngine } from '../engines/toxic';
import { actorOf } from './actor';
import { byScore, toxicRow } from './toxic-rows';

/** Profiles are rebuilt (with their evidence) at most this often: a score needs no 20 Hz refresh. */
const PROFILES_EVERY_MS = 2_000;
/** Recommendations audited per frame at most, in one transaction; the rest wait for the next. */
const AUDITS_PER_FRAME = 200;
/** Deals replayed from the cache at start, so windows are full after a restart (newest first). */
const REPLAY_DEALS = 50_000;
const SETTINGS_KEY = 'toxic.settings';
const MAP_KEY = 'routing.map';
/** Who the trail names for what the desk itself concluded. */
const DESK = 'desk (toxic-flow engine)';

export interface RoutingDeps {
  book: DeskBook;
  record: RecordStore;
  mirror: MirrorCache;
  audit: Pick<AuditTrail, 'append' | 'appendAll'>;
  actions: Pick<ActionDesk, 'account'>;
  /** The routing map to use until an admin saves one (the embedded simulator's twin groups). */
  defaultPairs: readonly RoutingPair[];
  clock?: () => number;
  log?: (line: string) => void;
}

interface Pending {
  book: RoutingBook;
  actionId: string;
}

export class RoutingDesk {
  readonly engine: ToxicFlowEngine;
  readonly map: RoutingMap;
  private readonly clock: () => number;
  private readonly rows = new Map<string, ToxicRow>();
  private readonly dirty = new Set<string>();
  private readonly pending = new Map<string, Pending>();
  /** The last recommendation audited per account, with the book it was made against. */
  private readonly audited = new Map<string, string>();
  private readonly toAudit = new Map<string, ToxicRow>();
  private lastProfilesAt = 0;

  constructor(private readonly deps: RoutingDeps) {
    this.clock = deps.clock ?? Date.now;
    const stored = parseToxicSettings(deps.record.setting(SETTINGS_KEY) ?? {});
    if (!stored.ok) deps.log?.(`toxic flow: stored settings ignored: ${stored.message}`);
    this.engine = new ToxicFlowEngine({
      settings: stored.ok ? stored.value : DEFAULT_TOXIC_SETTINGS,
      clientOf: (server, login) => deps.record.clientByLogin(server, login)?.clientId ?? null,
    });
    const map = routingMapSchema.safeParse(deps.record.setting(MAP_KEY));
    this.map = new RoutingMap(map.success ? map.data : deps.defaultPairs);
  }

  /** The routing flag of an account in `group`, for the grids and the exposure book split. */
  bookOf = (server: ServerId, group: string): RoutingBook => this.map.bookOf(server, group);

  /** Rebuilds the windows from the cached deals (the feed is not cached: see the note in the issue). */
  replay(server: ServerId): number {
    const deals = this.deps.mirror.deals({ server, fromMsc: 0, toMsc: Number.MAX_SAFE_INTEGER, limit: REPLAY_DEALS });
    for (let i = deals.length - 1; i >= 0; i--) this.engine.onDeal(server, deals[i] as (typeof deals)[number]);
    return deals.length;
  }

  /** Every applied event, ticks included (the arbitrage detector needs each quote, not one per frame). */
  applied(server: ServerId, events: readonly SyncEvent[]): void {
    for (const event of events) {
      if (event.type === 'tick' || event.type === 'deal.add') this.engine.apply(event);
      else if (event.type === 'account.update') {
        const key = keyOf(server, event.account.login);
        if (this.rows.has(key)) this.dirty.add(key);
      }
    }
  }

  /** Dealer actions that changed this frame: a routing change confirmed or failed is no longer pending. */
  actionsChanged(rows: readonly { id: string; server: ServerId; login: Login; state: string }[]): void {
    for (const action of rows) {
      const key = keyOf(action.server, action.login);
      if (this.pending.get(key)?.actionId !== action.id) continue;
      if (action.state === 'confirmed' || action.state === 'failed' || action.state === 'rejected') {
        this.pending.delete(key);
        this.dirty.add(key);
      }
    }
  }

  /** Once per frame: rows whose profile, book or pending change moved, when due. */
  frame(): RowDelta<ToxicRow> {
    this.auditRecommendations();
    const now = this.clock();
    if (now - this.lastProfilesAt < PROFILES_EVERY_MS) return { upserts: [], removes: [] };
    this.lastProfilesAt = now;
    for (const { server, login } of this.engine.takeChanged()) this.dirty.add(keyOf(server, login));
    const upserts: ToxicRow[] = [];
    for (const key of this.dirty) {
      const row = this.rowOf(key);
      if (row === undefined) continue;
      this.rows.set(key, row);
      upserts.push(row);
      const actionable = row.book !== null && row.recommendation !== row.book;
      const mark = `${row.recommendation}/${row.book}`;
      if (actionable && this.audited.get(key) !== mark) this.toAudit.set(key, row);
    }
    this.dirty.clear();
    return { upserts, removes: [] };
  }

  handlers(): Pick<
    Handlers,
    | 'toxic.list'
    | 'toxic.profile'
    | 'toxic.settings'
    | 'toxic.settings.save'
    | 'routing.apply'
    | 'routing.map'
    | 'routing.map.save'
  > {
    return {
      'toxic.list': ({ detector, mismatched, limit }) =>
        [...this.rows.values()]
          .filter((r) => detector === undefined || r.flagged.includes(detector))
          .filter((r) => !mismatched || (r.book !== null && r.book !== r.recommendation))
          .sort(byScore)
          .slice(0, limit),
      'toxic.profile': ({ server, login }) => {
        const profile = this.engine.profile(server, login);
        const row = profile && this.rowFrom(profile);
        if (!profile || !row) throw new DeskRequestError('bad_request', `${server}:${login} has no closed trades yet.`);
        return { row, profile };
      },
      'toxic.settings': () => this.settings(),
      'toxic.settings.save': ({ settings }, ctx) => {
        const who = actorOf(ctx).name;
        const parsed = parseToxicSettings(settings);
        if (!parsed.ok) {
          this.audit(
            who,
            'toxic.thresholds',
            null,
            null,
            'toxic-flow settings',
            null,
            settings,
            'refused',
            parsed.message,
          );
          throw new DeskRequestError('bad_request', parsed.message);
        }
        const before = this.settings();
        this.deps.record.saveSetting(SETTINGS_KEY, parsed.value);
        this.engine.updateSettings(parsed.value);
        this.lastProfilesAt = 0;
        this.audit(who, 'toxic.thresholds', null, null, 'toxic-flow settings', before, parsed.value, 'ok', '');
        return parsed.value;
      },
      'routing.apply': (input, ctx) => this.route(input, actorOf(ctx)),
      'routing.map': () => this.map.pairs(),
      'routing.map.save': ({ pairs }, ctx) => {
        const who = actorOf(ctx).name;
        const before = this.map.pairs();
        this.deps.record.saveSetting(MAP_KEY, pairs);
        this.map.replace(pairs);
        this.deps.book.rerouted();
        for (const key of this.rows.keys()) this.dirty.add(key);
        this.lastProfilesAt = 0;
        this.audit(who, 'routing.map', null, null, 'routing map', before, pairs, 'ok', `${pairs.length} pairs`);
        return this.map.pairs();
      },
    };
  }

  private settings() {
    return this.engine.currentSettings;
  }

  /** A dealer routes an account: validated, audited as an application or an override, then sent. */
  private async route(input: RoutingApply, actor: Actor) {
    const { server, login, book, reason } = input;
    const key = keyOf(server, login);
    const group = this.deps.book.groupOf(server, login);
    const refuse = (message: string): never => {
      this.audit(actor.name, 'routing.apply', server, login, key, null, input, 'refused', message);
      throw new DeskRequestError('bad_request', message);
    };
    if (group === undefined) throw new DeskRequestError('bad_request', `No account ${login} on ${server}.`);
    if (group.coverage) refuse(`${login} is a coverage account: the broker's own hedge is not routed.`);
    const target = this.map.groupFor(server, group.group, book);
    if (target === undefined)
      refuse(`Group ${group.group} has no A/B twin in the routing map; an admin maps it first.`);
    if (target === group.group) refuse(`${login} is already in the ${book}-book (${group.group}).`);
    if (this.pending.has(key)) refuse(`A routing change of ${login} is already waiting for the server.`);
    const profile = this.engine.profile(server, login);
    const override = profile === null || profile.recommendation !== book;
    if (override && reason === '')
      refuse(
        profile === null
          ? `${login} has no recommendation yet; routing it needs a reason.`
          : `Routing against the recommendation (${profile.recommendation}-book) needs a reason.`,
      );
    const action = await this.deps.actions.account(
      { server, login, change: { kind: 'group', group: target as string } },
      actor,
    );
    this.pending.set(key, { book, actionId: action.id });
    this.dirty.add(key);
    this.lastProfilesAt = 0;
    const recommended = profile
      ? `recommended ${profile.recommendation}-book at score ${profile.overallScore.toFixed(2)} (${profile.reason})`
      : 'no recommendation';
    this.audit(
      actor.name,
      override ? 'routing.override' : 'routing.apply',
      server,
      login,
      key,
      { book: this.map.bookOf(server, group.group), group: group.group },
      { book, group: target, actionId: action.id },
      'pending',
      `${recommended}${reason ? `; reason: ${reason}` : ''}`,
    );
    return { actionId: action.id, group: target as string, book, override };
  }

  private auditRecommendations(): void {
    if (this.toAudit.size === 0) return;
    const records: AuditRecord[] = [];
    for (const [key, row] of this.toAudit) {
      if (records.length === AUDITS_PER_FRAME) break;
      this.toAudit.delete(key);
      this.audited.set(key, `${row.recommendation}/${row.book}`);
      records.push({
        operator: DESK,
        action: 'routing.recommendation',
        server: row.server,
        login: row.login,
        subject: key,
        before: { book: row.book },
        after: { recommendation: row.recommendation, score: row.overallScore, flagged: row.flagged },
        result: 'ok',
        message: row.reason,
      });
    }
    this.deps.audit.appendAll(records);
  }

  private rowOf(key: string): ToxicRow | undefined {
    const [server, login] = splitKey(key);
    const profile = this.engine.profile(server, login);
    return profile ? this.rowFrom(profile) : undefined;
  }

  private rowFrom(profile: ToxicProfile): ToxicRow | undefined {
    const { server, login } = profile;
    const account = this.deps.book.accountRow(server, login);
    if (account?.coverage) return undefined;
    const group = account?.group ?? '';
    return toxicRow(profile, {
      clientName: account?.clientName ?? '',
      group,
      currency: account?.currency ?? '',
      book: account && this.map.isMapped(server, group) ? this.map.bookOf(server, group) : null,
      pendingBook: this.pending.get(keyOf(server, login))?.book ?? null,
    });
  }

  private audit(
    operator: string,
    action: string,
    server: ServerId | null,
    login: Login | null,
    subject: string,
    before: unknown,
    after: unknown,
    result: 'ok' | 'refused' | 'pending',
    message: string,
  ): void {
    this.deps.audit.append({ operator, action, server, login, subject, before, after, result, message });
  }
}

const keyOf = (server: ServerId, login: Login): string => `${server}:${login}`;
function splitKey(key: string): [ServerId, Login] {
  const at = key.lastIndexOf(':');
  return [key.slice(0, at), Number(key.slice(at + 1))];
}
