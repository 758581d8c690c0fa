/**
 * One account's case: every detector's score with its measure, the evidence trades behind the
 * chosen detector, what the flow earned or cost the broker in each book, and the routing
 * decision (one click to follow the recommendation; a reason to go against it).
 */
import { type FormEvent, useEffect, useState } from 'react';
import type { RequestOutput } from '../../../shared/contract';
import type { ToxicRow } from '../../../shared/routing';
import type { ToxicDetector } from '../../../shared/toxic';
import { useStartedDesk } from '../../desk-context';
import { formatLots, formatMoneyCell } from '../../format';
import { usePermission } from '../../stores/session-store';
import { formatDeskTime } from '../actions/desk-time';
import { detectorName, formatHold, formatScore, measureText, type RoutingChoice, routingChoices } from './toxic-format';

type Profile = RequestOutput<'toxic.profile'>['profile'];

export function ToxicDetail({ row }: { row: ToxicRow }) {
  const { desk } = useStartedDesk();
  const canAct = usePermission('act');
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<ToxicDetector | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: asOfMsc is the trigger, not an input: reload when the account's window moves on (a new closed trade).
  useEffect(() => {
    let live = true;
    desk['toxic.profile']({ server: row.server, login: row.login }).then(
      (reply) => {
        if (!live) return;
        if (reply.ok) setProfile(reply.value.profile);
        else setError(reply.error.message);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [desk, row.server, row.login, row.asOfMsc]);

  const strongest = profile?.scores.filter((s) => s.flagged).sort((a, b) => b.score - a.score)[0]?.detector;
  const shown = profile?.scores.find((s) => s.detector === (chosen ?? strongest ?? 'latency-arb'));

  return (
    <div className="toxic-detail" data-testid="toxic-detail" data-login={row.login}>
      <header className="toxic-case">
        <strong>
          {row.server}:{row.login}
        </strong>
        <span>{row.clientName}</span>
        <span>
          Recommended <b data-testid="toxic-recommendation">{row.recommendation}-book</b> · {row.reason}
        </span>
        <span className="muted">
          B-book {formatMoneyCell(row.bBookPnl)} · A-book {formatMoneyCell(row.aBookPnl)} {row.currency}
        </span>
      </header>
      {canAct && <RoutingControls key={row.id} row={row} />}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="toxic-tables">
        <table className="toxic-scores" data-testid="toxic-scores">
          <thead>
            <tr>
              <th>Detector</th>
              <th>Score</th>
              <th>Measure</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {profile?.scores.map((s) => (
              <tr
                key={s.detector}
                className={`${s.flagged ? 'flagged' : ''} ${s === shown ? 'chosen' : ''}`}
                data-testid={`toxic-score-${s.detector}`}
                data-flagged={s.flagged}
                onClick={() => setChosen(s.detector)}
              >
                <td>{detectorName(s.detector)}</td>
                <td className="cell-number">{s.judged ? formatScore(s.score) : '—'}</td>
                <td>{s.judged ? measureText(s) : 'too few trades'}</td>
                <td>{s.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="toxic-evidence" data-testid="toxic-evidence">
          <caption>Evidence: {shown ? detectorName(shown.detector) : '—'}</caption>
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Side</th>
              <th>Lots</th>
              <th>Opened</th>
              <th>Held</th>
              <th>Client P&amp;L</th>
              <th>Why it counts</th>
            </tr>
          </thead>
          <tbody>
            {shown?.evidence.map((t) => (
              <tr key={`${t.positionId}:${t.closeTimeMsc}`} data-testid="toxic-evidence-row">
                <td>{t.symbol}</td>
                <td className={t.side === 0 ? 'cell-buy' : 'cell-sell'}>{t.side === 0 ? 'buy' : 'sell'}</td>
                <td className="cell-number">{formatLots(t.lots)}</td>
                <td className="cell-time">{formatDeskTime(t.openTimeMsc)}</td>
                <td className="cell-number">{formatHold(t.closeTimeMsc - t.openTimeMsc)}</td>
                <td className={`cell-number ${t.profit < 0 ? 'cell-loss' : 'cell-gain'}`}>
                  {formatMoneyCell(t.profit)}
                </td>
                <td>{t.why}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Keyed by account: the outcome of a decision stays shown while the row moves through pending to confirmed. */
function RoutingControls({ row }: { row: ToxicRow }) {
  const { desk } = useStartedDesk();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const choices = routingChoices(row);

  const route = async (choice: Extract<RoutingChoice, { book: unknown }>, e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setOutcome(null);
    try {
      const reply = await desk['routing.apply']({ server: row.server, login: row.login, book: choice.book, reason });
      setOutcome(
        reply.ok
          ? { ok: true, text: `Sent: moving to ${reply.value.group}; the book changes when the server confirms.` }
          : { ok: false, text: reply.error.message },
      );
    } catch (err) {
      setOutcome({ ok: false, text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="toxic-routing" data-testid="toxic-routing">
      {choices.map((choice) =>
        choice.kind === 'none' ? (
          <span key="none" className="muted" data-testid="toxic-routing-note">
            {choice.why}
          </span>
        ) : (
          <form key={choice.kind} className="filter-row" onSubmit={(e) => route(choice, e)}>
            {choice.needsReason && (
              <input
                data-testid="toxic-reason"
                placeholder="Reason (required to override)"
                maxLength={200}
                size={40}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
            <button
              type="submit"
              data-testid={`toxic-${choice.kind}`}
              disabled={busy || (choice.needsReason && reason.trim() === '')}
            >
              {choice.label}
            </button>
          </form>
        ),
      )}
      {outcome && (
        <span className={outcome.ok ? 'ok-text' : 'error-text'} role="status" data-testid="toxic-routing-outcome">
          {outcome.text}
        </span>
      )}
    </div>
  );
}
