import { Buffer } from 'node:buffer';
import type { CustomerDisplay, DisplayLines } from './types';
import { DisplayError } from './types';
import { encodeClear, encodeShow, ESC_INIT, type VfdOptions, VfdScreen } from './vfd-commands';

/**
 * The customer display of training mode and tests: the same bytes a serial display would get
 * are fed to a model of the screen, so what `lines()` returns is what the customer would read.
 */
export interface SimulatedCustomerDisplay extends CustomerDisplay {
  readonly kind: 'simulated';
  /** The two lines now shown, each padded to the display's width. */
  lines(): [string, string];
  /** Every byte "sent" so far. */
  bytes(): Buffer;
  /** Called after each update with the lines now shown; returns an unsubscribe function. */
  onChange(listener: (lines: [string, string]) => void): () => void;
}

export function isSimulatedCustomerDisplay(d: CustomerDisplay): d is SimulatedCustomerDisplay {
  return d.kind === 'simulated';
}

export function createSimulatedCustomerDisplay(opts: VfdOptions = {}): SimulatedCustomerDisplay {
  const screen = new VfdScreen(opts.columns);
  const sent: Buffer[] = [];
  const listeners = new Set<(lines: [string, string]) => void>();
  let closed = false;

  const send = (bytes: Buffer): Promise<void> => {
    if (closed) return Promise.reject(new DisplayError('DISPLAY_CLOSED', 'display is closed'));
    const payload = sent.length === 0 ? Buffer.concat([ESC_INIT, bytes]) : bytes;
    sent.push(payload);
    screen.feed(payload);
    const now = screen.lines();
    for (const listener of listeners) {
      try {
        listener(now);
      } catch {
        // A failing listener (a closed window) must not fail the sale that updated the display.
      }
    }
    return Promise.resolve();
  };

  return {
    kind: 'simulated',
    show: (lines: DisplayLines) => send(encodeShow(lines, opts)),
    clear: () => send(encodeClear()),
    close() {
      closed = true;
      listeners.clear();
      return Promise.resolve();
    },
    lines: () => screen.lines(),
    bytes: () => Buffer.concat(sent),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
