import { describe, expect, it } from 'vitest';
import type { ImpactPreview } from '../../../shared/actions';
import { describePreview } from './preview-format';

const preview = (patch: Partial<ImpactPreview> = {}): ImpactPreview => ({
  server: 'sim-1',
  login: 1001,
  currency: 'USD',
  before: { equity: 1_000_000, margin: 400_000, marginFree: 600_000, marginLevel: 250 },
  after: { equity: 1_000_000, margin: 200_000, marginFree: 800_000, marginLevel: 500 },
  marginCallLevel: 100,
  stopOutLevel: 50,
  crosses: 'none',
  warnings: [],
  ...patch,
});

describe('describePreview', () => {
  it('says margin level and free margin before → after', () => {
    const lines = describePreview(preview());
    expect(lines.marginLevel).toBe('250.00% → 500.00%');
    expect(lines.marginFree).toBe('6,000.00 USD → 8,000.00 USD');
    expect(lines.warning).toBeNull();
    expect(lines.tone).toBe('ok');
  });
  it('warns when the change crosses the margin call or the stop-out', () => {
    const call = describePreview(preview({ crosses: 'margin-call' }));
    expect(call.tone).toBe('warn');
    expect(call.warning).toContain('margin call level (100.00%)');
    const out = describePreview(preview({ crosses: 'stop-out' }));
    expect(out.tone).toBe('danger');
    expect(out.warning).toContain('stop-out level (50.00%)');
  });
  it('shows no level where there is no margin', () => {
    const lines = describePreview(
      preview({
        before: { equity: 1, margin: 0, marginFree: 1, marginLevel: null },
        after: { equity: 1, margin: 0, marginFree: 1, marginLevel: null },
      }),
    );
    expect(lines.marginLevel).toBe('— → —');
  });
});
