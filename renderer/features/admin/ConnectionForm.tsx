/**
 * One server's settings: add, edit, test. The password lives only in this form's state while it is
 * typed and is cleared after every save or test, whatever the answer: it goes to the core and
 * never comes back, and it is never logged or put in a store.
 */
import { type FormEvent, useState } from 'react';
import type { RequestInput } from '../../../shared/contract';
import type { CredentialProtection, ServerEntry, ServerTestResult } from '../../../shared/servers';
import {
  type ConnectionDraft,
  describeTest,
  problemToTest,
  problemWith,
  saveInput,
  testInput,
} from './connection-form';

export type FormStatus = { kind: 'idle' } | { kind: 'saved'; id: string } | { kind: 'error'; message: string };

interface ConnectionFormProps {
  initial: ConnectionDraft;
  /** The saved server being edited (or shown, read-only), or null for a new one. */
  saved: ServerEntry | null;
  protection: CredentialProtection | null;
  editable: boolean;
  busy: boolean;
  status: FormStatus;
  onStatus: (status: FormStatus) => void;
  onSave: (input: RequestInput<'servers.save'>) => Promise<boolean>;
  onTest: (input: RequestInput<'servers.test'>) => Promise<ServerTestResult | null>;
  onNew: () => void;
}

export function ConnectionForm(props: ConnectionFormProps) {
  const { saved, editable, busy, status, onStatus } = props;
  const [draft, setDraft] = useState(props.initial);
  const [password, setPassword] = useState('');
  const [tested, setTested] = useState<ServerTestResult | null>(null);

  const edit = (patch: Partial<ConnectionDraft>) => {
    setDraft((old) => ({ ...old, ...patch }));
    setTested(null);
    if (status.kind !== 'idle') onStatus({ kind: 'idle' });
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const problem = problemWith(draft);
    if (problem) return onStatus({ kind: 'error', message: problem });
    try {
      await props.onSave(saveInput(draft, password));
    } finally {
      setPassword('');
    }
  };

  const test = async () => {
    setTested(null);
    const problem = problemToTest(draft);
    if (problem) return onStatus({ kind: 'error', message: problem });
    // The id lets the core use the stored password, only while the form still shows that server.
    const savedId = saved && saved.id === draft.id.trim() ? saved.id : null;
    try {
      setTested(await props.onTest(testInput(draft, password, savedId)));
    } finally {
      setPassword('');
    }
  };

  const readOnly = !editable;
  const title = readOnly ? 'Server' : saved ? `Edit ${saved.id}` : 'Add a server';
  return (
    <form className="connection-form" data-testid="connection-form" onSubmit={save} aria-label={title}>
      <h4>{title}</h4>
      <label className="dialog-field">
        <span>Id</span>
        <input
          data-testid="connection-id"
          autoComplete="off"
          placeholder="mt5-eu"
          // The id is the server's key: renaming one is removing it and adding another.
          readOnly={readOnly || saved !== null}
          value={draft.id}
          onChange={(e) => edit({ id: e.target.value })}
        />
      </label>
      <label className="dialog-field">
        <span>Name</span>
        <input
          data-testid="connection-name"
          autoComplete="off"
          placeholder="Europe live"
          readOnly={readOnly}
          value={draft.name}
          onChange={(e) => edit({ name: e.target.value })}
        />
      </label>
      <label className="dialog-field">
        <span>Address</span>
        <input
          data-testid="connection-url"
          autoComplete="off"
          placeholder="https://mt5.example.com:443"
          readOnly={readOnly}
          value={draft.url}
          onChange={(e) => edit({ url: e.target.value })}
        />
      </label>
      <label className="dialog-field">
        <span>Manager login</span>
        <input
          data-testid="connection-login"
          autoComplete="off"
          inputMode="numeric"
          placeholder="1000"
          readOnly={readOnly}
          value={draft.login}
          onChange={(e) => edit({ login: e.target.value })}
        />
      </label>
      <label className="dialog-field">
        <span>Password</span>
        <input
          data-testid="connection-password"
          type="password"
          autoComplete="new-password"
          placeholder={passwordHint(saved, readOnly)}
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            setTested(null);
          }}
        />
      </label>
      <label className="dialog-field connection-ca">
        <span>CA certificate</span>
        <textarea
          data-testid="connection-ca"
          rows={3}
          spellCheck={false}
          placeholder="-----BEGIN CERTIFICATE----- (only for a self-signed access point)"
          readOnly={readOnly}
          value={draft.caPem}
          onChange={(e) => edit({ caPem: e.target.value })}
        />
      </label>
      {editable && saved?.hasCa && !draft.caPem.trim() && (
        // The core never sends a stored certificate back, and a save replaces the settings whole.
        <p className="connections-warning">
          A certificate is stored for {saved.id}: paste it again to keep it, or saving removes it. A test uses the
          stored one.
        </p>
      )}
      {props.protection === 'plain-text' && editable && (
        <label className="connection-consent">
          <input
            type="checkbox"
            data-testid="connection-accept-plain-text"
            checked={draft.acceptPlainText}
            onChange={(e) => edit({ acceptPlainText: e.target.checked })}
          />
          <span>Store the password without OS encryption (this machine offers no keychain)</span>
        </label>
      )}
      <div className="dialog-actions">
        <button type="button" data-testid="connection-test" disabled={busy} onClick={() => void test()}>
          Test connection
        </button>
        {editable && (
          <button type="submit" className="primary" data-testid="connection-save" disabled={busy}>
            {saved ? 'Save changes' : 'Add server'}
          </button>
        )}
        {editable && saved && (
          <button type="button" disabled={busy} onClick={props.onNew}>
            New server
          </button>
        )}
        <StatusLine status={status} />
      </div>
      {tested && (
        <p className={tested.ok ? 'ok-text' : 'error-text'} data-testid="connection-test-result" data-ok={tested.ok}>
          {describeTest(tested)}
        </p>
      )}
    </form>
  );
}

const passwordHint = (saved: ServerEntry | null, readOnly: boolean): string => {
  if (readOnly) return saved?.hasPassword ? 'stored; type one to test another' : 'for a test only';
  return saved?.hasPassword ? 'leave empty to keep the stored one' : '';
};

function StatusLine({ status }: { status: FormStatus }) {
  if (status.kind === 'saved')
    return (
      <span className="ok-text" data-testid="connection-saved">
        Saved {status.id}
      </span>
    );
  if (status.kind === 'error')
    return (
      <span className="error-text" role="alert" data-testid="connection-error">
        {status.message}
      </span>
    );
  return null;
}
