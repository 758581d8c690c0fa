/**
 * The one boundary every request crosses, whatever the transport (Electron IPC, WebSocket,
 * in-memory): sender check, permission (the window's signed-in operator and the request's
 * declared permission), zod parse, handler, `{ ok, value | error }` envelope. It never throws
 * and always answers, because Electron only carries a thrown error's message and a dropped
 * request leaves a dealer's screen waiting forever.
 */
import {
  DeskRequestError,
  type Handlers,
  permissionOf,
  type Reply,
  type RequestContext,
  type RequestName,
  requests,
} from '../../shared/contract';
import { type Actor, mayDo, type Permission, roleLabels } from '../../shared/operators';
import { describeIssues } from './describe-issues';

/** Who sent a request: the transport's window id and the URL of the page that sent it. */
export interface Sender {
  windowId: string;
  url: string;
}

export interface RouterOptions {
  isTrustedSender(sender: Sender): boolean;
  /** Who is signed in on a window (the core's sessions); undefined: nobody. */
  operatorOf(windowId: string): Actor | undefined;
  /**
   * Told of every refused attempt to change something (a request whose permission is more than
   * read or acknowledge), so the audit trail records bad input and missing rights too.
   */
  onRefused?(refusal: Refusal): void;
  /** Check handler outputs against the contract too (tests and the in-memory desk; costly for big lists). */
  checkOutputs?: boolean;
  log?: (line: string) => void;
}

export interface Refusal {
  channel: RequestName;
  operator: Actor | null;
  code: DeskRequestError['code'];
  message: string;
  /** The raw input, without any password. */
  input: unknown;
}

/** Requests that change the desk or a server: their refusals are audited. */
const AUDITED: ReadonlySet<Permission> = new Set(['tune-alerts', 'act', 'approve', 'simulate', 'admin']);

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
    // Roles are enforced here, in the core, whatever the UI shows or hides.
    const permission = permissionOf(channel);
    const operator = options.operatorOf(sender.windowId) ?? null;
    const refuseAudited = (code: DeskRequestError['code'], message: string): Reply<never> => {
      if (AUDITED.has(permission)) report({ channel, operator, code, message, input: withoutPasswords(rawInput) });
      return refuse(code, message);
    };
    if (permission !== 'public') {
      if (!operator) return refuseAudited('signed_out', 'Sign in to the desk first.');
      if (!mayDo(operator.role, permission)) {
        log(`[ipc] refused '${channel}' to ${operator.name} (${operator.role}): needs '${permission}'`);
        return refuseAudited(
          'forbidden',
          `${roleLabels[operator.role]}s may not do this (${channel} needs '${permission}').`,
        );
      }
    }
    const contract = requests[channel];
    const parsed = contract.input.safeParse(rawInput);
    if (!parsed.success) {
      return refuseAudited('bad_request', `${channel}: ${describeIssues(parsed.error.issues)}`);
    }
    try {
      const handler = handlers[channel] as AnyHandler | undefined;
      if (typeof handler !== 'function') throw new Error(`no handler registered for '${channel}'`);
      const value = await handler(parsed.data, { windowId: sender.windowId, operator });
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

  function report(refusal: Refusal): void {
    try {
      options.onRefused?.(refusal);
    } catch (error) {
      log(`[ipc] recording a refusal of '${refusal.channel}' failed: ${error instanceof Error ? error.stack : error}`);
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

/** A shallow copy of an object input with any `password` field masked (operators.save carries one). */
function withoutPasswords(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, /password/i.test(k) ? '••••' : v]));
}
