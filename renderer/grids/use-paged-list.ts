/**
 * A list the core pages newest first (the audit trail, the alert history): the first page for a
 * query, then "Older" pages from the last row's id, with the core's refusal kept as the error.
 */
import { useCallback, useState } from 'react';
import type { Reply } from '../../shared/contract';

export interface PagedList<Row, Query> {
  rows: Row[] | null;
  /** The last page was full: there may be older rows. */
  more: boolean;
  busy: boolean;
  error: string | null;
  setError(message: string | null): void;
  /** Loads the first page of `query`, or the page before `beforeId`. */
  load(query: Query, beforeId?: number): Promise<void>;
}

export function usePagedList<Row, Query>(
  fetchPage: (query: Query, beforeId: number | undefined, limit: number) => Promise<Reply<Row[]>>,
  pageSize: number,
): PagedList<Row, Query> {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (query: Query, beforeId?: number) => {
      setBusy(true);
      setError(null);
      try {
        const reply = await fetchPage(query, beforeId, pageSize);
        if (!reply.ok) {
          setError(reply.error.message);
          return;
        }
        setRows((old) => (beforeId && old ? [...old, ...reply.value] : reply.value));
        setMore(reply.value.length === pageSize);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      } finally {
        setBusy(false);
      }
    },
    [fetchPage, pageSize],
  );
  return { rows, more, busy, error, setError, load };
}
