/**
 * Which B-book group twins which A-book group on each server: what "route to the A-book" moves an
 * account to. The core checks the pairs (no group twice on a server, none twinned with itself).
 */
import { type FormEvent, useEffect, useState } from 'react';
import type { RoutingPair } from '../../../shared/routing';
import { useStartedDesk } from '../../desk-context';
import { useDeskStore } from '../../stores/desk-store';

type Status = { kind: 'idle' | 'saved' } | { kind: 'error'; message: string };

export function RoutingMapEditor() {
  const { desk } = useStartedDesk();
  const servers = useDeskStore((s) => s.info?.servers ?? []);
  const [pairs, setPairs] = useState<RoutingPair[] | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    let live = true;
    desk['routing.map']({}).then(
      (reply) =>
        live && (reply.ok ? setPairs(reply.value) : setStatus({ kind: 'error', message: reply.error.message })),
      (e: unknown) => live && setStatus({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [desk]);

  const edit = (i: number, patch: Partial<RoutingPair>) => {
    setPairs((old) => old?.map((p, j) => (j === i ? { ...p, ...patch } : p)) ?? null);
    setStatus({ kind: 'idle' });
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!pairs) return;
    const reply = await desk['routing.map.save']({ pairs });
    if (reply.ok) {
      setPairs(reply.value);
      setStatus({ kind: 'saved' });
    } else setStatus({ kind: 'error', message: reply.error.message });
  };

  return (
    <form className="admin-section routing-map" data-testid="routing-map" onSubmit={save} aria-label="Routing map">
      <h3>Routing map</h3>
      <p className="muted dialog-hint">Routing an account to the A-book moves it to its group's twin.</p>
      <table>
        <thead>
          <tr>
            <th>Server</th>
            <th>B-book group</th>
            <th>A-book twin</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {pairs?.map((pair, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is their identity.
            <tr key={i} data-testid="routing-pair">
              <td>
                <input
                  aria-label="Server"
                  size={10}
                  value={pair.server}
                  onChange={(e) => edit(i, { server: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label="B-book group"
                  value={pair.bBook}
                  onChange={(e) => edit(i, { bBook: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label="A-book twin"
                  value={pair.aBook}
                  onChange={(e) => edit(i, { aBook: e.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="small-button"
                  onClick={() => setPairs(pairs.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button
          type="button"
          disabled={!pairs}
          onClick={() => setPairs([...(pairs ?? []), { server: servers[0] ?? '', bBook: '', aBook: '' }])}
        >
          Add pair
        </button>
        <button type="submit" className="primary" data-testid="routing-map-save" disabled={!pairs}>
          Save routing map
        </button>
        {status.kind === 'saved' && <span className="ok-text">Saved</span>}
        {status.kind === 'error' && (
          <span className="error-text" role="alert" data-testid="routing-map-error">
            {status.message}
          </span>
        )}
      </div>
    </form>
  );
}
