import type { Duplex } from 'node:stream';
import { createScanListeners } from './listeners';
import { ScannerError, type Scanner, type ScannerErrorListener } from './types';

/**
 * Driver for a barcode scanner on a serial port (any Duplex: a `serialport`
 * port in the app, a stream pair in tests). Such scanners send each code as a
 * line of ASCII ended by CR, LF or CR LF; nothing is ever written to them.
 *
 * - Bytes gather until CR or LF, however the chunks are split (a CR LF split
 *   across two chunks is still one line end; the empty "line" between CR and
 *   LF, like any empty or blank line, is ignored).
 * - Surrounding spaces and tabs are stripped; what is left must be printable
 *   ASCII (0x20–0x7E). A line with any other byte is dropped and reported as
 *   SCANNER_BAD_BYTES (line noise, a wrong baud rate, a scanner set to add
 *   STX/ETX).
 * - A line longer than `maxLineBytes` (64; no payment code comes near) is
 *   reported as SCANNER_LINE_TOO_LONG the moment it overflows, and the rest of
 *   it is discarded up to the next line end, so a device that never sends one
 *   cannot grow the buffer.
 * - A partial line still waiting when the port closes is dropped: without
 *   its line end it is not known to be a whole code.
 *
 * Nothing is thrown from the stream's callbacks: problems go to `onError`.
 * Messages never include the line (a payment code is a bearer token).
 */
export interface SerialScannerOptions {
  /** Longest line accepted, in bytes, not counting the line end. Default 64. */
  maxLineBytes?: number;
  onError?: ScannerErrorListener;
}

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const TILDE = 0x7e;

export function createSerialScanner(port: Duplex, opts: SerialScannerOptions = {}): Scanner {
  const maxLineBytes = opts.maxLineBytes ?? 64;
  const onError: ScannerErrorListener = opts.onError ?? (() => {});
  const listeners = createScanListeners(onError);
  const line = Buffer.alloc(maxLineBytes);
  let length = 0;
  /** The current line overflowed: discard until the next line end. */
  let overflowing = false;
  let closed = false;

  const endOfLine = () => {
    const wasOverflowing = overflowing;
    const bytes = line.subarray(0, length);
    length = 0;
    overflowing = false;
    if (wasOverflowing) return; // already reported when it overflowed
    let start = 0;
    let end = bytes.length;
    while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
    while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
    if (start === end) return; // empty or blank line, e.g. between CR and LF
    const code = bytes.subarray(start, end);
    if (code.some((b) => b < SPACE || b > TILDE)) {
      onError(
        new ScannerError(
          'SCANNER_BAD_BYTES',
          `scanner line of ${code.length} bytes has non-printable or non-ASCII bytes: dropped`,
        ),
      );
      return;
    }
    listeners.emit(code.toString('ascii'));
  };

  const onData = (chunk: Buffer | string) => {
    if (closed) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    for (const b of bytes) {
      if (b === CR || b === LF) {
        endOfLine();
      } else if (overflowing) {
        // discarding the rest of an over-long line
      } else if (length >= maxLineBytes) {
        overflowing = true;
        length = 0;
        onError(
          new ScannerError(
            'SCANNER_LINE_TOO_LONG',
            `scanner line longer than ${maxLineBytes} bytes: dropped`,
          ),
        );
      } else {
        line[length++] = b;
      }
    }
  };

  const onPortError = (cause: Error) =>
    onError(
      new ScannerError('SCANNER_PORT_ERROR', `scanner port error: ${cause.message}`, { cause }),
    );

  port.on('data', onData);
  port.on('error', onPortError);

  return {
    kind: 'serial',
    onScan(listener) {
      return listeners.add(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      port.off('data', onData);
      length = 0;
      if (port.destroyed) {
        port.off('error', onPortError);
        return;
      }
      // Errors raised while closing still go to onError (the listener stays).
      await new Promise<void>((resolve) => {
        port.once('close', () => resolve());
        port.destroy();
      });
      port.off('error', onPortError);
    },
  };
}
