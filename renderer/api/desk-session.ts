/**
 * Starting the desk in a window, in the order the core expects:
 *   1. subscribe to every stream (so nothing sent after step 2 can be missed),
 *   2. `desk.ready` (the core starts flushing frames to this window),
 *   3. snapshots: `positions.list`, `accounts.list`, `status.list`; and, without holding up the
 *      grids, the risk side: `exposure.snapshot` and `alerts.list`.
 * Batches that arrive between 1 and 3 are folded and replayed on the snapshot by RowFeed.
 * A refused or failed step is retried, with the reason shown, until the core answers.
 * When the browser-mode socket reconnects, the core sees a new window, so steps 2–3 run again
 * while the grids keep their rows.
 */
import type { DeskApi, Reply } from '../../shared/contract';
import type { AccountRow, PositionRow, ServerStatus } from '../../shared/rows';
import { AlertBook } from '../features/alerts/alert-book';
import { ExposureFeeds } from '../features/exposure/exposure-feeds';
import { RowFeed } from '../grids/row-feed';
import type { DeskInfo } from '../stores/desk-store';

export interface DeskFeeds {
  positions: RowFeed<PositionRow>;
  accounts: RowFeed<AccountRow>;
  exposure: ExposureFeeds;
  alerts: AlertBook;
}

/** Where the session reports to; the app passes the zustand store's setters. */
export interface SessionReporter {
  setInfo(info: DeskInfo): void;
  setStatuses(statuses: ServerStatus[]): void;
  setProblem(problem: string | null): void;
}

export interface DeskSession {
  feeds: DeskFeeds;
  /** Resolves once both first snapshots are loaded (or the session is stopped). */
  started: Promise<void>;
  stop(): void;
}

export interface SessionOptions {
  retryMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The browser-mode client reports its socket; Electron IPC has no such thing (the window is the link). */
interface ReconnectingDesk {
  readonly state?: string;
  onConnectionChange(listener: (state: string) => void): () => void;
}

const hasConnection = (desk: DeskApi): desk is DeskApi & ReconnectingDesk =>
  typeof (desk as Partial<ReconnectingDesk>).onConnectionChange === 'function';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function startDeskSession(desk: DeskApi, report: SessionReporter, options: SessionOptions = {}): DeskSession {
  const feeds: DeskFeeds = {
    positions: new RowFeed(),
    accounts: new RowFeed(),
    exposure: new ExposureFeeds(),
    alerts: new AlertBook(),
  };
  const retryMs = options.retryMs ?? 1000;
  const sleep = options.sleep ?? defaultSleep;
  let stopped = false;
  /** Bumped on each (re)start; a run from an older connection gives up quietly. */
  let generation = 0;

  const unsubscribe = [
    desk.subscribe('positions', (delta) => feeds.positions.push(delta)),
    desk.subscribe('accounts', (delta) => feeds.accounts.push(delta)),
    desk.subscribe('status', (statuses) => report.setStatuses(statuses)),
    desk.subscribe('exposure', (snapshot) => feeds.exposure.push(snapshot)),
    desk.subscribe('alerts', (delta) => feeds.alerts.push(delta)),
  ];

  /** Calls until the core says yes; the problem line says which step is waiting and why. */
  async function untilOk<T>(run: number, step: string, call: () => Promise<Reply<T>>): Promise<T | null> {
    const current = () => !stopped && run === generation;
    while (current()) {
      let failure: string;
      try {
        const reply = await call();
        if (reply.ok) return current() ? reply.value : null;
        failure = `${reply.error.message} (${reply.error.code})`;
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      if (!current()) break;
      report.setProblem(`${step}: ${failure}. Retrying…`);
      await sleep(retryMs);
    }
    return null;
  }

  async function run(): Promise<void> {
    const me = ++generation;
    const info = await untilOk(me, 'Connecting to the desk', () => desk['desk.ready']({}));
    if (!info) return;
    report.setInfo(info);
    void loadRisk(me);
    const [positions, accounts, statuses] = await Promise.all([
      untilOk(me, 'Loading positions', () => desk['positions.list']({})),
      untilOk(me, 'Loading accounts', () => desk['accounts.list']({})),
      untilOk(me, 'Loading server status', () => desk['status.list']({})),
    ]);
    if (!positions || !accounts) return;
    feeds.positions.load(positions);
    feeds.accounts.load(accounts);
    // A status frame may already have come in; the list only fills the bar until it does.
    if (statuses) report.setStatuses(statuses);
    report.setProblem(null);
  }

  /** The risk panels load beside the grids; a slow exposure snapshot never delays `desk-ready`. */
  async function loadRisk(run: number): Promise<void> {
    await Promise.all([
      untilOk(run, 'Loading exposure', () => desk['exposure.snapshot']({})).then((snapshot) => {
        if (snapshot) feeds.exposure.load(snapshot);
      }),
      untilOk(run, 'Loading alerts', () => desk['alerts.list']({})).then((alerts) => {
        if (alerts) feeds.alerts.load(alerts);
      }),
    ]);
    // A retried step left its reason on the problem line; once the grids are in too, all is well.
    if (run === generation && !stopped && feeds.positions.isLoaded && feeds.accounts.isLoaded) report.setProblem(null);
  }

  if (hasConnection(desk)) {
    let wasOpen = desk.state === 'open';
    unsubscribe.push(
      desk.onConnectionChange((state) => {
        if (state === 'reconnecting') {
          report.setProblem('The connection to the desk was lost. Reconnecting…');
        } else if (state === 'open' && wasOpen && !stopped) {
          feeds.positions.resync();
          feeds.accounts.resync();
          feeds.exposure.resync();
          feeds.alerts.resync();
          void run();
        }
        if (state === 'open') wasOpen = true;
      }),
    );
  }

  return {
    feeds,
    started: run(),
    stop() {
      stopped = true;
      for (const off of unsubscribe) off();
    },
  };
}
