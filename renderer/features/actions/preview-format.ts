/**
 * An impact preview in words: margin level and free margin before → after, and the line it would
 * cross. The core computes the figures (`actions.preview`); this only says them.
 */
import type { ImpactPreview } from '../../../shared/actions';
import { formatMarginLevel, formatMoneyCell } from '../../format';

export interface PreviewLines {
  marginLevel: string;
  marginFree: string;
  equity: string;
  /** Null when the change stays clear of both lines. */
  warning: string | null;
  tone: 'ok' | 'warn' | 'danger';
}

export function describePreview(p: ImpactPreview): PreviewLines {
  const money = (cents: number) => `${formatMoneyCell(cents)} ${p.currency}`.trim();
  let warning: string | null = null;
  let tone: PreviewLines['tone'] = 'ok';
  if (p.crosses === 'stop-out') {
    warning = `Crosses the stop-out level (${formatMarginLevel(p.stopOutLevel)}): the server starts closing positions.`;
    tone = 'danger';
  } else if (p.crosses === 'margin-call') {
    warning = `Crosses the margin call level (${formatMarginLevel(p.marginCallLevel)}).`;
    tone = 'warn';
  }
  return {
    marginLevel: `${formatMarginLevel(p.before.marginLevel)} → ${formatMarginLevel(p.after.marginLevel)}`,
    marginFree: `${money(p.before.marginFree)} → ${money(p.after.marginFree)}`,
    equity: `${money(p.before.equity)} → ${money(p.after.equity)}`,
    warning,
    tone,
  };
}
