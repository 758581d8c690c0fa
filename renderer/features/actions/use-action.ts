import { useSyncExternalStore } from 'react';
import type { ActionRow } from '../../../shared/actions';
import type { ActionBook } from './action-book';

/** One action as the book has it now; re-renders when the book changes. */
export function useAction(book: ActionBook, id: string | null): ActionRow | undefined {
  useSyncExternalStore(
    (onChange) => book.onChange(onChange),
    () => book.revision,
  );
  return id ? book.get(id) : undefined;
}

/** The book's revision, for components that read several actions. */
export function useActionBook(book: ActionBook): number {
  return useSyncExternalStore(
    (onChange) => book.onChange(onChange),
    () => book.revision,
  );
}
