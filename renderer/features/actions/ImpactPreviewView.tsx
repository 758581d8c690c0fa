/** The preview block every account dialog shows before its Send button. */

import { describePreview } from './preview-format';
import type { PreviewStatus } from './use-preview';

export function ImpactPreviewView({ status, testId = 'impact-preview' }: { status: PreviewStatus; testId?: string }) {
  if (status.kind === 'idle') return null;
  if (status.kind === 'loading') {
    return (
      <div className="impact-preview loading" data-testid={testId} data-state="loading">
        Working out the impact…
      </div>
    );
  }
  if (status.kind === 'error') {
    return (
      <div className="impact-preview" data-testid={testId} data-state="error">
        <span className="error-text" role="alert" data-testid="preview-error">
          {status.message}
        </span>
      </div>
    );
  }
  const { preview } = status;
  const lines = describePreview(preview);
  return (
    <div
      className={`impact-preview tone-${lines.tone}`}
      data-testid={testId}
      data-state="ready"
      data-crosses={preview.crosses}
      data-before={preview.before.marginLevel ?? ''}
      data-after={preview.after.marginLevel ?? ''}
    >
      <dl>
        <dt>Margin level</dt>
        <dd data-testid="preview-margin-level">{lines.marginLevel}</dd>
        <dt>Free margin</dt>
        <dd data-testid="preview-margin-free">{lines.marginFree}</dd>
        <dt>Equity</dt>
        <dd>{lines.equity}</dd>
      </dl>
      {lines.warning && (
        <p className={`preview-warning tone-${lines.tone}`} role="alert" data-testid="preview-warning">
          {lines.warning}
        </p>
      )}
      {preview.warnings.map((w) => (
        <p key={w} className="preview-warning tone-warn" data-testid="preview-server-warning">
          {w}
        </p>
      ))}
    </div>
  );
}
