/**
 * The one boundary every request crosses, whatever the transport (Electron IPC, WebSocket,
 * in-memory): sender check, zod parse, handler, `{ ok, value | error }` envelope. It never throws
 * and always answers, because Electron only carries a thrown error's message and a dropped
 * request leaves a dealer's screen waiting forever.
 */
import {
  DeskRequestError,
  type Handlers,
  type Reply,
  type RequestContext,
  type RequestName,
  requests,
} from '../../shared/contract';
import { describeIssues } from './describe-issues';

/** Who sent a request: the transport's window id and the URL of the page that sent it. */
export interface Sender {
  windowId: string;
  url: string;
}

export interface RouterOptions {
  isTrustedSender(sender: Sender): boolean;
  /** Check handler outputs against the contract too (tests and the in-memory desk; costly for big lists). */
  checkOutputs?: boolean;
  log?: (line: string) => void;
}

export interface Router {
  handle(channel: string, rawInput: unknown, sender: Sender): Promise<Reply<unknown>>;
}

// The handler map is typed per channel; once the channel is checked and the input parsed with that
// channel's own schema, calling through this erased signature is safe.
type AnyHandler = (input: unknown, ctx: RequestContext) => unknown;

const refuse = (code: DeskRequestError['code'], message: string): Reply<never> => ({
  ok: false,
  error: { code, message },
});

/** `Object.hasOwn`, so `__proto__` or `toString` are unknown channels rather than prototype lookups. */
export const isRequestName = (channel: string): channel is RequestName => Object.hasOwn(requests, channel);

export function createRouter(handlers: Handlers, options: RouterOptions): Router {
  const log = options.log ?? ((line: string) => console.error(line));

  async function handle(channel: string, rawInput: unknown, sender: Sender): Promise<Reply<unknown>> {
    if (!trusted(sender)) {
      log(`[ipc] refused '${String(channel)}' from untrusted sender ${sender.windowId} at ${sender.url}`);
      return refuse('forbidden_sender', 'This window is not allowed to talk to the desk.');
    }
    if (typeof channel !== 'string' || !isRequestName(channel)) {
      return refuse('unknown_channel', `The desk has no request named '${String(channel).slice(0, 80)}'.`);
    }
    const contract = requests[channel];
    const parsed = contract.input.safeParse(rawInput);
    if (!parsed.success) {
      return refuse('bad_request', `${channel}: ${describeIssues(parsed.error.issues)}`);
    }
    try {
      const handler = handlers[channel] as AnyHandler | undefined;
      if (typeof handler !== 'function') throw new Error(`no handler registered for '${channel}'`);
      const value = await handler(parsed.data, { windowId: sender.windowId });
      if (options.checkOutputs) {
        const checked = contract.output.safeParse(value);
        if (!checked.success) throw new Error(`output breaks the contract: ${describeIssues(checked.error.issues)}`);
      }
      return { ok: true, value };
    } catch (error) {
      if (error instanceof DeskRequestError) return refuse(error.code, error.message);
      log(`[ipc] '${channel}' failed for ${sender.windowId}: ${error instanceof Error ? error.stack : String(error)}`);
      return refuse('internal', `The desk could not complete '${channel}'. The error was logged.`);
    }
  }

  function trusted(sender: Sender): boolean {
    try {
      return options.isTrustedSender(sender);
    } catch {
      return false; // a sender check that fails closes the door rather than opening it
    }
  }

  return { handle };
}
