/**
 * The right-click (or Shift+F10 / Menu key) menu of the Accounts grid. Arrow keys move, Enter
 * runs, a letter runs its item, Esc or a click elsewhere closes it.
 */
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useActionsStore } from '../../stores/actions-store';
import { usePermission } from '../../stores/session-store';
import { restoreFocus, runAccountCommand } from './account-commands';
import { accountMenuItems } from './account-menu-items';

export function AccountMenu() {
  const menu = useActionsStore((s) => s.menu);
  const closeMenu = useActionsStore((s) => s.closeMenu);
  const act = usePermission('act');
  const read = usePermission('read');
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const onPointerDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) closeMenu();
    };
    window.addEventListener('pointerdown', onPointerDown, true);
    return () => window.removeEventListener('pointerdown', onPointerDown, true);
  }, [menu, closeMenu]);

  if (!menu) return null;
  const items = accountMenuItems(menu.accounts, { act, read });
  const first = menu.accounts[0];

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      closeMenu();
      restoreFocus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : buttons.length - 1;
      buttons[(at + step) % buttons.length]?.focus();
    } else if (e.key.length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey) {
      const item = items.find((i) => i.key === e.key.toUpperCase() && i.enabled);
      if (item) {
        e.preventDefault();
        runAccountCommand(item.command, menu.accounts);
      }
    }
  };

  // Keep the menu on screen near the right and bottom edges.
  const left = Math.min(menu.x, window.innerWidth - 230);
  const top = Math.min(menu.y, window.innerHeight - 40 - items.length * 26);
  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      tabIndex={-1}
      data-testid="account-menu"
      aria-label={first ? `Account ${first.login}` : 'Accounts'}
      style={{ left, top }}
      onKeyDown={onKeyDown}
    >
      <div className="context-menu-title muted">
        {menu.accounts.length === 1 && first
          ? `${first.login} · ${first.clientName}`
          : `${menu.accounts.length} accounts`}
      </div>
      {items.map((item) => (
        <button
          key={item.command}
          type="button"
          role="menuitem"
          data-testid={`menu-${item.command}`}
          disabled={!item.enabled}
          onClick={() => runAccountCommand(item.command, menu.accounts)}
        >
          <span>{item.label}</span>
          <kbd>{item.key}</kbd>
        </button>
      ))}
    </div>
  );
}
