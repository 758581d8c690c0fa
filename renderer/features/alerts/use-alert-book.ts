/**
 * The alerts pane's two subscriptions to the book. The pane re-renders when its shape changes (an
 * alert added, or one's time, state or level: its place in the list, the hide-resolved filter and
 * the counts); each card re-renders when its own alert changes. Margin levels and exposures move
 * on open alerts every frame: before, each such change re-rendered the pane and its 200 cards
 * (BENCHMARKS.md, session 12).
 */
import { useSyncExternalStore } from 'react';
import type { AlertRow } from '../../../shared/contract';
import type { AlertBook } from './alert-book';

/** The book's alerts, newest first; re-renders only when the list's shape changed. */
export function useAlertList(book: AlertBook): readonly AlertRow[] {
  useSyncExternalStore(book.onChange, () => book.shape);
  return book.list();
}

/** One alert as it is now; re-renders when that alert changed. */
export function useAlert(book: AlertBook, id: string): AlertRow | undefined {
  return useSyncExternalStore(book.onChange, () => book.get(id));
}
