/**
 * Feeds an ActionBook the way the desk session feeds the grids: subscribe to `actions` first,
 * then `actions.list` (retried until the core answers), and again after a browser-mode reconnect
 * (the core sees a new window, so the list is asked again and frames are folded until it comes).
 */
import type { DeskApi } from '../../../shared/contract';
import { ActionBook } from './action-book';

interface ReconnectingDesk {
  onConnectionChange(listener: (state: string) => void): () => void;
}

const hasConnection = (desk: DeskApi): desk is DeskApi & ReconnectingDesk =>
  typeof (desk as Partial<ReconnectingDesk>).onConnectionChange === 'function';

export interface ActionSession {
  book: ActionBook;
  /** The last reason `actions.list` was refused, for the panel; null once loaded. */
  problem(): string | null;
  stop(): void;
}

export function startActionSession(desk: DeskApi, options: { retryMs?: number } = {}): ActionSession {
  const book = new ActionBook();
  const retryMs = options.retryMs ?? 1000;
  let stopped = false;
  let generation = 0;
  let problem: string | null = null;
  const off = [desk.subscribe('actions', (delta) => book.push(delta))];

  async function load(): Promise<void> {
    const me = ++generation;
    while (!stopped && me === generation) {
      try {
        const reply = await desk['actions.list']({});
        if (stopped || me !== generation) return;
        if (reply.ok) {
          problem = null;
          book.load(reply.value);
          return;
        }
        problem = reply.error.message;
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }

  if (hasConnection(desk)) {
    let wasOpen = false;
    off.push(
      desk.onConnectionChange((state) => {
        if (state === 'open' && wasOpen && !stopped) {
          book.resync();
          void load();
        }
        if (state === 'open') wasOpen = true;
      }),
    );
  }
  void load();

  return {
    book,
    problem: () => problem,
    stop() {
      stopped = true;
      for (const unsubscribe of off) unsubscribe();
    },
  };
}
