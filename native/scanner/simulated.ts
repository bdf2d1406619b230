import { createScanListeners } from './listeners';
import { TRAINING_CODES, TRAINING_PRODUCT_CODES, type ScannableCode } from './training-codes';
import type { Scanner, ScannerErrorListener } from './types';

export {
  TRAINING_CODES,
  TRAINING_PRODUCT_CODES,
  type ScannableCode,
  type TrainingCode,
  type TrainingCodeOutcome,
} from './training-codes';

/**
 * The simulated scanner of training mode: the cashier's screen shows its
 * panel (the training goods and payment codes), and a press "scans" that code exactly as a
 * serial scanner would report a line. It judges nothing; a refused code is
 * refused by the app, as with a real scanner.
 */
export interface SimulatedScanner extends Scanner {
  readonly kind: 'simulated';
  readonly codes: readonly ScannableCode[];
  /** Emits a code to every listener, as if it had just been scanned. Ignored once closed. */
  scan(code: string): void;
  /** The training code with this id, if any. */
  find(id: string): ScannableCode | undefined;
}

export function isSimulatedScanner(scanner: Scanner): scanner is SimulatedScanner {
  return scanner.kind === 'simulated' && 'scan' in scanner;
}

export interface SimulatedScannerOptions {
  codes?: readonly ScannableCode[];
  onError?: ScannerErrorListener;
}

export function createSimulatedScanner(opts: SimulatedScannerOptions = {}): SimulatedScanner {
  // Goods first (the basket), then the customers' payment codes.
  const codes = opts.codes ?? [...TRAINING_PRODUCT_CODES, ...TRAINING_CODES];
  const listeners = createScanListeners(opts.onError);
  let closed = false;
  return {
    kind: 'simulated',
    codes,
    scan(code) {
      if (!closed) listeners.emit(code);
    },
    find(id) {
      return codes.find((c) => c.id === id);
    },
    onScan(listener) {
      return listeners.add(listener);
    },
    close() {
      closed = true;
      listeners.clear();
      return Promise.resolve();
    },
  };
}
