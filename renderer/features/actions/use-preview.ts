/**
 * The impact preview of a change, asked again (after a short pause in typing) whenever the
 * change does. `forKey` says which change the preview belongs to, so a dialog sends only what
 * the dealer saw previewed.
 */
import { useEffect, useState } from 'react';
import type { ImpactPreview } from '../../../shared/actions';
import type { DeskApi, RequestInput } from '../../../shared/contract';

export type PreviewChange = RequestInput<'actions.preview'>['change'];

export type PreviewStatus =
  | { kind: 'idle' }
  | { kind: 'loading'; forKey: string }
  | { kind: 'ready'; forKey: string; preview: ImpactPreview }
  | { kind: 'error'; forKey: string; message: string };

export const previewKey = (change: PreviewChange | null): string => (change ? JSON.stringify(change) : '');

export function usePreview(
  desk: DeskApi,
  account: { server: string; login: number },
  change: PreviewChange | null,
  delayMs = 250,
): PreviewStatus {
  const key = previewKey(change);
  const [status, setStatus] = useState<PreviewStatus>({ kind: 'idle' });
  const { server, login } = account;

  useEffect(() => {
    if (!key) {
      setStatus({ kind: 'idle' });
      return;
    }
    let live = true;
    setStatus({ kind: 'loading', forKey: key });
    const timer = setTimeout(async () => {
      try {
        const reply = await desk['actions.preview']({ server, login, change: JSON.parse(key) as PreviewChange });
        if (!live) return;
        setStatus(
          reply.ok
            ? { kind: 'ready', forKey: key, preview: reply.value }
            : { kind: 'error', forKey: key, message: reply.error.message },
        );
      } catch (e) {
        if (live) setStatus({ kind: 'error', forKey: key, message: e instanceof Error ? e.message : String(e) });
      }
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [desk, server, login, key, delayMs]);

  return status;
}

/** Whether the preview on screen is the one for `change` (what Send may go with). */
export const previewShownFor = (status: PreviewStatus, change: PreviewChange | null): boolean =>
  status.kind === 'ready' && status.forKey === previewKey(change);
