import { describe, expect, it } from 'vitest';
import type { ImpactPreview } from '../../../shared/actions';
import { type PreviewStatus, previewKey, previewShownFor } from './use-preview';

const preview = {} as ImpactPreview;

describe('previewShownFor', () => {
  const leverage200 = { kind: 'leverage', leverage: 200 } as const;
  const leverage300 = { kind: 'leverage', leverage: 300 } as const;

  it('lets Send go only with the change whose preview is on screen', () => {
    const ready: PreviewStatus = { kind: 'ready', forKey: previewKey(leverage200), preview };
    expect(previewShownFor(ready, leverage200)).toBe(true);
    expect(previewShownFor(ready, leverage300)).toBe(false);
  });

  it('not while the preview is on its way or failed, nor without a change', () => {
    expect(previewShownFor({ kind: 'loading', forKey: previewKey(leverage200) }, leverage200)).toBe(false);
    expect(previewShownFor({ kind: 'error', forKey: previewKey(leverage200), message: 'x' }, leverage200)).toBe(false);
    expect(previewShownFor({ kind: 'idle' }, null)).toBe(false);
  });
});
