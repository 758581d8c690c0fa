/**
 * Nothing of the desk runs before an operator signs in: the gate asks `session.state`, shows
 * "Create the admin" on the first launch or the sign-in form, and only then starts the desk
 * session and mounts the App (so `desk-ready` still means "both grids are in").
 * While the desk runs, a `signed_out` refusal brings the sign-in form back over it; the desk
 * session keeps retrying and resumes as soon as someone signs in again.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DeskApi } from '../../../shared/contract';
import type { SessionState } from '../../../shared/operators';
import { App } from '../../App';
import type { StartedDesk } from '../../start-desk';
import { useSessionStore } from '../../stores/session-store';
import { SetupForm, SignInForm } from './SessionForms';

export interface SessionGateProps {
  desk: DeskApi;
  /** Starts the desk (once) and returns it. */
  start: () => StartedDesk;
}

type Phase =
  | { kind: 'checking' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'setup' }
  | { kind: 'sign-in' }
  | { kind: 'desk'; started: StartedDesk };

export function SessionGate({ desk, start }: SessionGateProps) {
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' });
  const setSession = useSessionStore((s) => s.setSession);
  const signedOutReason = useSessionStore((s) => s.signedOutReason);

  const enter = useCallback(
    (state: SessionState) => {
      setSession(state);
      setPhase({ kind: 'desk', started: start() });
    },
    [setSession, start],
  );

  const check = useCallback(async () => {
    setPhase({ kind: 'checking' });
    try {
      const reply = await desk['session.state']({});
      if (!reply.ok) setPhase({ kind: 'unreachable', message: `${reply.error.message} (${reply.error.code})` });
      else if (reply.value.operator) enter(reply.value);
      else setPhase({ kind: reply.value.setupNeeded ? 'setup' : 'sign-in' });
    } catch (e) {
      setPhase({ kind: 'unreachable', message: e instanceof Error ? e.message : String(e) });
    }
  }, [desk, enter]);

  useEffect(() => {
    void check();
  }, [check]);

  if (phase.kind === 'desk') {
    const { started } = phase;
    return (
      <>
        <App desk={started.desk} feeds={started.feeds} actions={started.actions} />
        {signedOutReason && (
          <div className="session-overlay" data-testid="signin-again">
            <SignInForm
              desk={desk}
              reason={`The desk signed this window out (${signedOutReason}). Sign in to carry on.`}
              onSignedIn={setSession}
            />
          </div>
        )}
      </>
    );
  }

  return (
    <div className="session-screen" data-testid="session-gate" data-phase={phase.kind}>
      <h1>Dealer Desk</h1>
      {phase.kind === 'checking' && <p className="muted">Connecting to the desk…</p>}
      {phase.kind === 'unreachable' && (
        <div className="session-form">
          <p className="error-text" role="alert" data-testid="session-error">
            {phase.message}
          </p>
          <button type="button" onClick={() => void check()}>
            Retry
          </button>
        </div>
      )}
      {phase.kind === 'setup' && <SetupForm desk={desk} onSignedIn={enter} />}
      {phase.kind === 'sign-in' && <SignInForm desk={desk} onSignedIn={enter} />}
    </div>
  );
}
