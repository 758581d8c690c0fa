import { useEffect, useState } from 'react';
import type { DeskApi } from '../../../shared/contract';
import type { Limits } from '../../../shared/operators';

/** The desk's money limits, to say them in the dialogs (the core applies them). Null until known. */
export function useLimits(desk: DeskApi): Limits | null {
  const [limits, setLimits] = useState<Limits | null>(null);
  useEffect(() => {
    let live = true;
    desk['limits.get']({}).then(
      (reply) => live && reply.ok && setLimits(reply.value),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [desk]);
  return limits;
}
