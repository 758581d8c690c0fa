import { useSyncExternalStore } from 'react';
import type { AlertRow } from '../../../shared/contract';
import type { AlertBook, AlertCounts } from './alert-book';

/** The book's alerts, newest first; re-renders once per stream batch that changed any. */
export function useAlerts(book: AlertBook): readonly AlertRow[] {
  useSyncExternalStore(
    (onChange) => book.onChange(onChange),
    () => book.revision,
  );
  return book.list();
}

export function useAlertCounts(book: AlertBook): AlertCounts {
  useAlerts(book);
  return book.counts();
}
