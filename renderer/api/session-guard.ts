/**
 * The desk as the signed-in window uses it: every request goes through unchanged, and a
 * `signed_out` refusal (the socket came back as a new window, the core restarted, an admin
 * disabled the operator) is reported once per occurrence so the window can ask to sign in again.
 * The desk session keeps retrying `desk.ready` meanwhile, so the grids resume by themselves.
 */
import { type DeskApi, type Reply, requestNames } from '../../shared/contract';

export function watchSignedOut(desk: DeskApi, onSignedOut: (message: string) => void): DeskApi {
  const calls = Object.fromEntries(
    requestNames.map((name) => {
      const call = desk[name] as (input: unknown) => Promise<Reply<unknown>>;
      return [
        name,
        async (input: unknown) => {
          const reply = await call(input);
          if (!reply.ok && reply.error.code === 'signed_out') onSignedOut(reply.error.message);
          return reply;
        },
      ];
    }),
  );
  // The prototype keeps what the client has beyond the contract (subscribe, the socket's state
  // and onConnectionChange), so the desk session still sees a reconnecting client.
  return Object.assign(Object.create(desk) as DeskApi, calls);
}
