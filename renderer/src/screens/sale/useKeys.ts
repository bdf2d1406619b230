import { useEffect } from 'react';

/**
 * Screen-level keys (Enter, Esc, number keys) for steps that have no input of
 * their own. Ignored while a text field has focus so typing never triggers them.
 */
export function useKeys(handlers: Record<string, () => void>, active = true) {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.altKey || e.ctrlKey || e.metaKey) return;
      const handler = handlers[e.key];
      if (handler) {
        e.preventDefault();
        handler();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
}
