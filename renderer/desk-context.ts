/**
 * The started desk for the components of the signed-in window: the client, the live feeds and the
 * actions book. Provided once by App; features that predate it still take their props.
 */
import { createContext, useContext } from 'react';
import type { StartedDesk } from './start-desk';

export const DeskContext = createContext<StartedDesk | null>(null);

export function useStartedDesk(): StartedDesk {
  const started = useContext(DeskContext);
  if (!started) throw new Error('useStartedDesk outside <DeskContext.Provider>');
  return started;
}
