import { useEffect, useState } from 'react';
import type { DeskApi, RequestOutput } from '../../../shared/contract';

export type GroupInfo = RequestOutput<'groups.list'>[number];

/** The groups of some servers (`groups.list` per server), merged by name. */
export function useGroups(desk: DeskApi, servers: readonly string[]): { list: GroupInfo[]; error: string | null } {
  const [list, setList] = useState<GroupInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const key = [...new Set(servers)].sort().join('\n');

  useEffect(() => {
    if (!key) return;
    let live = true;
    Promise.all(key.split('\n').map((server) => desk['groups.list']({ server }))).then(
      (replies) => {
        if (!live) return;
        const byName = new Map<string, GroupInfo>();
        for (const reply of replies) {
          if (!reply.ok) {
            setError(reply.error.message);
            continue;
          }
          for (const g of reply.value) if (!byName.has(g.name)) byName.set(g.name, g);
        }
        setList([...byName.values()].sort((a, b) => a.name.localeCompare(b.name)));
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [desk, key]);

  return { list, error };
}
