import { ScannerError, type ScannerErrorListener } from './types';

/**
 * The listener list both drivers share: each code goes to every listener, and
 * one listener throwing neither stops the others nor escapes into the caller
 * (a stream's 'data' callback, or the simulated scanner's panel call).
 */
export interface ScanListeners {
  add(listener: (code: string) => void): () => void;
  emit(code: string): void;
  clear(): void;
}

export function createScanListeners(onError: ScannerErrorListener = () => {}): ScanListeners {
  const listeners = new Set<(code: string) => void>();
  return {
    add(listener) {
      // Wrapped so the same function subscribed twice is two subscriptions.
      const entry = (code: string) => listener(code);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    emit(code) {
      for (const listener of [...listeners]) {
        try {
          listener(code);
        } catch (cause) {
          onError(new ScannerError('SCANNER_LISTENER_FAILED', 'a scan listener threw', { cause }));
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
