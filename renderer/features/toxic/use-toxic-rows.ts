/**
 * The toxic-flow rows while the panel shows: the ranked list once, then the `toxic` stream's
 * upserts merged in (the core sends changed rows every couple of seconds).
 */
import { useEffect, useState } from 'react';
import type { DeskApi } from '../../../shared/contract';
import type { ToxicRow } from '../../../shared/routing';

const LIMIT = 5_000;

export interface ToxicRows {
  rows: ToxicRow[];
  error: string | null;
  loaded: boolean;
}

export function useToxicRows(desk: DeskApi, hidden: boolean): ToxicRows {
  const [state, setState] = useState<ToxicRows>({ rows: [], error: null, loaded: false });
  useEffect(() => {
    if (hidden) return;
    const byId = new Map<string, ToxicRow>();
    let live = true;
    const publish = (error: string | null = null) => {
      if (live) setState({ rows: [...byId.values()], error, loaded: true });
    };
    // Subscribe first, so an update between the list and the subscription is not lost.
    const unsubscribe = desk.subscribe('toxic', ({ upserts }) => {
      for (const row of upserts) byId.set(row.id, row);
      publish();
    });
    desk['toxic.list']({ limit: LIMIT }).then(
      (reply) => {
        if (!reply.ok) return publish(reply.error.message);
        for (const row of reply.value) if (!byId.has(row.id)) byId.set(row.id, row);
        publish();
      },
      (e: unknown) => publish(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [desk, hidden]);
  return state;
}
