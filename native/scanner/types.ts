/**
 * A barcode scanner (扫码枪) that reads the customer's payment code (付款码)
 * off their phone. Only drivers the main side owns live here: a serial
 * scanner and the simulated one of training mode. A keyboard-wedge scanner
 * "types" into the window instead and is detected in the renderer
 * (renderer/src/lib/scan-detector.ts).
 *
 * A scanner only reads: it reports each code as one trimmed line of printable
 * ASCII and judges nothing. Whether the line is a payment code at all, and
 * which wallet, is decided by the app (main/domain/qr-code.ts).
 */
export interface Scanner {
  readonly kind: 'serial' | 'simulated';
  /** Called once per scanned code. Returns a function that unsubscribes. */
  onScan(listener: (code: string) => void): () => void;
  /** Stops reading; no listener is called afterwards. Safe to call twice. */
  close(): Promise<void>;
}

export type ScannerErrorCode =
  /** A line over the length limit (no payment code is that long): dropped. */
  | 'SCANNER_LINE_TOO_LONG'
  /** A line with bytes other than printable ASCII (noise, wrong baud rate): dropped. */
  | 'SCANNER_BAD_BYTES'
  /** The port itself failed (unplugged, driver error). */
  | 'SCANNER_PORT_ERROR'
  /** A listener threw while handling a code; the other listeners still got it. */
  | 'SCANNER_LISTENER_FAILED';

/**
 * Something went wrong reading a line. Reported through the driver's
 * `onError`, never thrown out of a stream callback. The message never holds
 * the line itself: a payment code is a bearer token while it is valid.
 */
export class ScannerError extends Error {
  constructor(
    readonly code: ScannerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ScannerError';
  }
}

export type ScannerErrorListener = (error: ScannerError) => void;
