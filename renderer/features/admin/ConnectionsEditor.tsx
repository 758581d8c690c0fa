/**
 * The MT5 servers the desk connects to (issue 7): the list, and a form to add, edit, test or remove
 * one. Saved changes apply at the next start, so the core says when a restart is needed. In browser
 * mode the servers come from a launch file and the list is read-only; a test still works.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Reply, RequestInput } from '../../../shared/contract';
import type { ServerList, ServerTestResult } from '../../../shared/servers';
import { useStartedDesk } from '../../desk-context';
import { ConnectionForm, type FormStatus } from './ConnectionForm';
import { draftFor, emptyDraft } from './connection-form';

/** A thrown transport error reads like a refusal, so the form has one place to show it. */
async function ask<T>(request: () => Promise<Reply<T>>): Promise<Reply<T>> {
  try {
    return await request();
  } catch (e) {
    return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
  }
}

export function ConnectionsEditor() {
  const { desk } = useStartedDesk();
  const [list, setList] = useState<ServerList | null>(null);
  /** The saved server the form shows, or null for a new one. */
  const [selectedId, setSelectedId] = useState<string | null>(null);
  /** Bumped after a save, so the form starts again from what the core now holds. */
  const [formGeneration, setFormGeneration] = useState(0);
  const [status, setStatus] = useState<FormStatus>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void ask(() => desk['servers.list']({})).then((reply) => {
      if (!live) return;
      if (!reply.ok) return setStatus({ kind: 'error', message: reply.error.message });
      setList(reply.value);
      // Read-only lists open on their first server, the only thing worth testing there.
      if (!reply.value.editable) setSelectedId(reply.value.servers[0]?.id ?? null);
    });
    return () => {
      live = false;
    };
  }, [desk]);

  const busyWhile = useCallback(async <T,>(work: () => Promise<T>): Promise<T> => {
    setBusy(true);
    try {
      return await work();
    } finally {
      setBusy(false);
    }
  }, []);

  const save = (input: RequestInput<'servers.save'>) =>
    busyWhile(async () => {
      setStatus({ kind: 'idle' });
      const reply = await ask(() => desk['servers.save'](input));
      if (!reply.ok) {
        setStatus({ kind: 'error', message: reply.error.message });
        return false;
      }
      setList(reply.value);
      setSelectedId(input.id);
      setFormGeneration((n) => n + 1);
      setStatus({ kind: 'saved', id: input.id });
      return true;
    });

  const remove = (id: string) =>
    busyWhile(async () => {
      setStatus({ kind: 'idle' });
      const reply = await ask(() => desk['servers.remove']({ id }));
      if (!reply.ok) return setStatus({ kind: 'error', message: reply.error.message });
      setList(reply.value);
      if (selectedId === id) setSelectedId(null);
    });

  const test = (input: RequestInput<'servers.test'>) =>
    busyWhile(async (): Promise<ServerTestResult | null> => {
      setStatus({ kind: 'idle' });
      const reply = await ask(() => desk['servers.test'](input));
      if (reply.ok) return reply.value;
      setStatus({ kind: 'error', message: reply.error.message });
      return null;
    });

  const open = (id: string | null) => {
    setSelectedId(id);
    setStatus({ kind: 'idle' });
  };

  const editable = list?.editable ?? false;
  const selected = list?.servers.find((s) => s.id === selectedId) ?? null;

  return (
    <section className="admin-section connections-editor" aria-label="MT5 servers" data-testid="connections-editor">
      <h3>MT5 servers</h3>
      <ListNotes list={list} />
      <table className="dense-table connections-table">
        <thead>
          <tr>
            <th>Id</th>
            <th>Name</th>
            <th>Address</th>
            <th>Manager login</th>
            <th>Password stored</th>
            <th>Connected now</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(list?.servers ?? []).map((server) => (
            <tr
              key={server.id}
              data-testid="connection-row"
              data-id={server.id}
              className={server.id === selectedId ? 'selected' : ''}
            >
              <td>{server.id}</td>
              <td>{server.name}</td>
              <td className="connection-url">{server.url}</td>
              <td className="cell-number">{server.login}</td>
              <td>{server.hasPassword ? 'yes' : 'no'}</td>
              <td className={server.active ? 'ok-text' : 'muted'}>{server.active ? 'yes' : 'no'}</td>
              <td className="connection-row-actions">
                <button
                  type="button"
                  className="small-button"
                  data-testid="connection-edit"
                  disabled={busy}
                  onClick={() => open(server.id)}
                >
                  {editable ? 'Edit' : 'Show'}
                </button>
                {editable && (
                  <button
                    type="button"
                    className="small-button"
                    data-testid="connection-remove"
                    disabled={busy}
                    onClick={() => void remove(server.id)}
                  >
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConnectionForm
        key={`${selectedId ?? ''}#${formGeneration}`}
        initial={selected ? draftFor(selected) : emptyDraft()}
        saved={selected}
        protection={list?.protection ?? null}
        editable={editable}
        busy={busy || list === null}
        status={status}
        onStatus={setStatus}
        onSave={save}
        onTest={test}
        onNew={() => open(null)}
      />
    </section>
  );
}

/** What the admin should know before touching the list: simulator, pending restart, where passwords live. */
function ListNotes({ list }: { list: ServerList | null }) {
  if (!list) return null;
  return (
    <>
      {list.simulator && (
        <p className="muted dialog-hint" data-testid="connections-simulator-note">
          No MT5 server is configured: the desk runs on the embedded simulator.
        </p>
      )}
      {list.restartNeeded && (
        <p className="connections-warning" role="status" data-testid="connections-restart-needed">
          Saved changes apply when the desk restarts.
        </p>
      )}
      {list.protection === 'os-keychain' && (
        <p className="muted dialog-hint">Passwords are encrypted with the OS keychain and never shown again.</p>
      )}
      {list.protection === 'plain-text' && (
        <p className="connections-warning">
          This machine offers no keychain: a saved password would be stored without OS encryption.
        </p>
      )}
      {list.protection === 'launch-file' && (
        <p className="muted dialog-hint" data-testid="connections-launch-file">
          Browser mode reads servers from the file named by DESK_SERVERS_FILE (see the README).
        </p>
      )}
    </>
  );
}
