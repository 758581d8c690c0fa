/**
 * Who is signed in on this window (zustand). The core enforces every permission; the renderer
 * only reads `permissions` to hide what would be refused anyway.
 */
import { create } from 'zustand';
import type { Permission, SessionState } from '../../shared/operators';

interface SessionUiState {
  session: SessionState | null;
  /** Set when the core said this window is signed out while the desk was running (a reconnect, a restart). */
  signedOutReason: string | null;
  setSession: (session: SessionState) => void;
  setSignedOut: (reason: string | null) => void;
}

export const useSessionStore = create<SessionUiState>()((set) => ({
  session: null,
  signedOutReason: null,
  setSession: (session) => set((s) => ({ session, signedOutReason: session.operator ? null : s.signedOutReason })),
  setSignedOut: (signedOutReason) => set((s) => (s.signedOutReason === signedOutReason ? s : { signedOutReason })),
}));

/** Whether the signed-in operator's role grants `permission` (as the core last said). */
export const usePermission = (permission: Permission): boolean =>
  useSessionStore((s) => s.session?.permissions.includes(permission) ?? false);

export const useOperatorName = (): string | null => useSessionStore((s) => s.session?.operator?.name ?? null);
