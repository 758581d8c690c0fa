/**
 * The two forms before the desk: "Create the admin" on the first launch, and sign-in. Both show the
 * core's refusal as it comes (a wrong password, a disabled operator, a weak password).
 */

import { type FormEvent, useState } from 'react';
import type { DeskApi, Reply } from '../../../shared/contract';
import type { SessionState } from '../../../shared/operators';
import { TextField } from '../../components/TextField';

type Submit = (call: () => Promise<Reply<SessionState>>) => Promise<void>;

function useSubmit(onSignedIn: (state: SessionState) => void): {
  busy: boolean;
  error: string | null;
  setError: (error: string | null) => void;
  submit: Submit;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit: Submit = async (call) => {
    setBusy(true);
    setError(null);
    try {
      const reply = await call();
      if (!reply.ok) setError(reply.error.message);
      else if (!reply.value.operator) setError('The desk did not sign you in; try again.');
      else onSignedIn(reply.value);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, submit };
}

export interface SessionFormProps {
  desk: DeskApi;
  onSignedIn: (state: SessionState) => void;
}

export function SetupForm({ desk, onSignedIn }: SessionFormProps) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, setError, submit } = useSubmit(onSignedIn);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // The core sees one password; only the window can tell that the two differ.
    if (password !== again) {
      setError('The two passwords differ.');
      return;
    }
    void submit(() => desk['session.setup']({ name, password }));
  };

  return (
    <form className="session-form" data-testid="setup-form" onSubmit={onSubmit} aria-label="Create the admin">
      <h2>Create the admin</h2>
      <p className="muted">
        First launch: nobody works at this desk yet. The admin adds dealers and risk managers afterwards.
      </p>
      <TextField label="Name" testId="setup-name" value={name} onChange={setName} autoComplete="username" autoFocus />
      <TextField
        label="Password"
        testId="setup-password"
        value={password}
        onChange={setPassword}
        type="password"
        autoComplete="new-password"
      />
      <TextField
        label="Password again"
        testId="setup-password-again"
        value={again}
        onChange={setAgain}
        type="password"
        autoComplete="new-password"
      />
      <p className="muted">At least 10 characters.</p>
      <button type="submit" className="primary" data-testid="setup-submit" disabled={busy}>
        Create and sign in
      </button>
      {error && (
        <p className="error-text" role="alert" data-testid="setup-error">
          {error}
        </p>
      )}
    </form>
  );
}

export interface SignInFormProps extends SessionFormProps {
  /** Why the form shows again while the desk runs (a reconnect, a restart). */
  reason?: string | null;
}

export function SignInForm({ desk, onSignedIn, reason }: SignInFormProps) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(onSignedIn);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(() => desk['session.signIn']({ name, password }));
  };

  return (
    <form className="session-form" data-testid="signin-form" onSubmit={onSubmit} aria-label="Sign in">
      <h2>Sign in</h2>
      {reason && (
        <p className="warn-text" data-testid="signin-reason">
          {reason}
        </p>
      )}
      <TextField label="Name" testId="signin-name" value={name} onChange={setName} autoComplete="username" autoFocus />
      <TextField
        label="Password"
        testId="signin-password"
        value={password}
        onChange={setPassword}
        type="password"
        autoComplete="current-password"
      />
      <button type="submit" className="primary" data-testid="signin-submit" disabled={busy}>
        Sign in
      </button>
      {error && (
        <p className="error-text" role="alert" data-testid="signin-error">
          {error}
        </p>
      )}
    </form>
  );
}
