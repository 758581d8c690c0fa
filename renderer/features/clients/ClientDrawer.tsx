/**
 * A client at a glance, beside whatever panel is up: who they are (country, KYC, introducing
 * broker), their accounts on every server with live figures, and one timeline of deals, money,
 * actions, alerts and routing, newest first. Refreshed every few seconds while open; Esc closes.
 */
import { useEffect, useState } from 'react';
import type { ClientDrawer as ClientDrawerData } from '../../../shared/actions';
import { useStartedDesk } from '../../desk-context';
import { formatLeverage, formatMarginLevel, formatMoneyCell } from '../../format';
import { type AccountRef, useActionsStore } from '../../stores/actions-store';
import { usePermission } from '../../stores/session-store';
import { marginTone } from '../accounts/margin-tone';
import { formatDeskTime } from '../actions/desk-time';
import {
  countByKind,
  keyTimeline,
  newestFirst,
  type TimelineKind,
  timelineKindLabels,
  timelineKinds,
} from './timeline';

const REFRESH_MS = 3_000;

export function ClientDrawer() {
  const target = useActionsStore((s) => s.drawer);
  const close = useActionsStore((s) => s.closeDrawer);
  if (!target) return null;
  return <DrawerFor key={`${target.server}:${target.login}`} target={target} onClose={close} />;
}

function DrawerFor({ target, onClose }: { target: AccountRef; onClose: () => void }) {
  const { desk, feeds } = useStartedDesk();
  const openDialog = useActionsStore((s) => s.openDialog);
  const canAct = usePermission('act');
  const [data, setData] = useState<ClientDrawerData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kinds, setKinds] = useState<ReadonlySet<TimelineKind>>(new Set(timelineKinds));

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const reply = await desk['clients.drawer'](target);
        if (!live) return;
        if (reply.ok) {
          setData(reply.value);
          setError(null);
        } else {
          setError(reply.error.message);
        }
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e));
      }
      if (live) timer = setTimeout(load, REFRESH_MS);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [desk, target]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return; // a dialog above takes its own Esc
      onClose();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  const client = data?.client ?? null;
  const timeline = newestFirst(data?.timeline ?? []);
  const counts = countByKind(timeline);
  const toggle = (kind: TimelineKind) =>
    setKinds((old) => {
      const next = new Set(old);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });

  return (
    <aside
      className="client-drawer"
      aria-label="Client"
      data-testid="client-drawer"
      data-server={target.server}
      data-login={target.login}
    >
      <header className="panel-header">
        <h2>Client</h2>
        <strong data-testid="client-name">{client ? client.name : data ? 'No CRM client' : 'loading…'}</strong>
        <button
          type="button"
          className="small-button push-right"
          data-testid="drawer-close"
          title="Esc"
          onClick={onClose}
        >
          Close
        </button>
      </header>
      {error && (
        <p className="error-text drawer-section" role="alert" data-testid="drawer-error">
          {error}
        </p>
      )}
      {client && (
        <dl className="drawer-section client-facts" data-testid="client-facts">
          <dt>Client id</dt>
          <dd>{client.clientId}</dd>
          <dt>Country</dt>
          <dd>
            {client.country} · {client.region}
          </dd>
          <dt>KYC</dt>
          <dd className={`kyc kyc-${client.kycStatus}`} data-testid="client-kyc">
            {client.kycStatus}
          </dd>
          <dt>Introducing broker</dt>
          <dd>{client.introducingBroker ?? '—'}</dd>
        </dl>
      )}
      <section className="drawer-section">
        <h3>Accounts</h3>
        <table className="dense-table" data-testid="client-accounts">
          <thead>
            <tr>
              <th>Server</th>
              <th>Login</th>
              <th>Group</th>
              <th>Lev.</th>
              <th>Balance</th>
              <th>Equity</th>
              <th>Margin lvl</th>
              <th>Pos.</th>
              {canAct && <th />}
            </tr>
          </thead>
          <tbody>
            {(data?.accounts ?? []).map((snapshot) => {
              // The grid's feed is fresher than the drawer's last refresh.
              const a = feeds.accounts.get(snapshot.id) ?? snapshot;
              const tone = marginTone(a);
              return (
                <tr key={a.id} data-testid="client-account" data-login={a.login} data-server={a.server}>
                  <td>{a.server}</td>
                  <td className="cell-number">{a.login}</td>
                  <td>{a.group}</td>
                  <td className="cell-number">{formatLeverage(a.leverage)}</td>
                  <td className="cell-number">
                    {formatMoneyCell(a.balance)} {a.currency}
                  </td>
                  <td className={`cell-number${a.equity < 0 ? ' cell-loss' : ''}`}>{formatMoneyCell(a.equity)}</td>
                  <td className={`cell-number${tone === 'ok' ? '' : ` cell-${tone}`}`}>
                    {formatMarginLevel(a.marginLevel)}
                  </td>
                  <td className="cell-number">{a.positions}</td>
                  {canAct && (
                    <td>
                      <button type="button" className="small-button" onClick={() => openDialog('balance', [a])}>
                        Balance…
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section className="drawer-section drawer-timeline">
        <h3>Timeline</h3>
        <fieldset className="chips" aria-label="Show in the timeline">
          {timelineKinds.map((kind) => (
            <label key={kind} className={`chip kind-${kind}`}>
              <input type="checkbox" checked={kinds.has(kind)} onChange={() => toggle(kind)} />
              {timelineKindLabels[kind]} {counts[kind]}
            </label>
          ))}
        </fieldset>
        <ol className="timeline" data-testid="client-timeline">
          {timeline.length === 0 && <li className="muted">{data ? 'Nothing yet' : 'loading…'}</li>}
          {keyTimeline(timeline.filter((item) => kinds.has(item.kind)).slice(0, 300)).map(({ key, item }) => (
            <li
              key={key}
              className={`timeline-item kind-${item.kind}`}
              data-testid="timeline-item"
              data-kind={item.kind}
            >
              <span className="timeline-time">{formatDeskTime(item.atMsc)}</span>
              <span className={`timeline-kind kind-${item.kind}`}>{timelineKindLabels[item.kind]}</span>
              <span className="timeline-title">{item.title}</span>
              <span className="muted">
                {item.server}
                {item.login !== null && `:${item.login}`}
              </span>
              {item.detail && <div className="timeline-detail muted">{item.detail}</div>}
            </li>
          ))}
        </ol>
      </section>
    </aside>
  );
}
