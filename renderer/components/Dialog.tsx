/**
 * A modal dialog on the browser's own <dialog>: it traps focus, sits above the grids, and Esc
 * closes it (the `cancel` event), so every action dialog is keyboard-first without extra code.
 */
import { type ReactNode, useEffect, useRef } from 'react';

export interface DialogProps {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}

export function Dialog({ title, testId, onClose, children, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`desk-dialog${wide ? ' wide' : ''}`}
      data-testid={testId}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        closeRef.current();
      }}
    >
      <header className="dialog-header">
        <h2>{title}</h2>
        <button type="button" className="small-button push-right" aria-label="Close" title="Esc" onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}
