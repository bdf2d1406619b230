import { useCallback, useEffect } from 'react';
import { useAppStore } from '../stores/app-store';

/** Esc does `onEscape` (usually: back to standby) while `enabled`; every screen has a way back. */
export function useEscape(onEscape: () => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onEscape();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onEscape, enabled]);
}

/** Esc back to standby: the way out of a form the standby menu opened. */
export function useEscapeToStandby(enabled = true): void {
  const go = useAppStore((s) => s.go);
  useEscape(
    useCallback(() => go({ name: 'standby' }), [go]),
    enabled,
  );
}
