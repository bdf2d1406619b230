import type { Duplex } from 'node:stream';
import { PrinterError } from './errors';
import {
  type CombineOptions,
  combineStatus,
  isStatusByte,
  type PrinterStatus,
  STATUS_REQUESTS,
  type StatusRequest,
  statusQuery,
} from './status';

export const DEFAULT_STATUS_TIMEOUT_MS = 2_000;

/** Sends DLE EOT n and resolves with the answer byte. */
export type StatusAsker = (n: StatusRequest) => Promise<number>;

/** Asks DLE EOT 1, 2, 3 and 4 in turn (one at a time: some printers drop queries sent together). */
export async function readPrinterStatus(
  ask: StatusAsker,
  opts: CombineOptions = {},
): Promise<PrinterStatus> {
  const answers: number[] = [];
  for (const n of STATUS_REQUESTS) answers.push(await ask(n));
  const [printer, offlineCause, errorCause, paperSensor] = answers as [
    number,
    number,
    number,
    number,
  ];
  return combineStatus({ printer, offlineCause, errorCause, paperSensor }, opts);
}

export interface StreamAsker {
  ask: StatusAsker;
  /** Stops listening to the stream. */
  dispose(): void;
}

/**
 * Status over a byte stream (a TCP socket, a serial port). Only status-shaped bytes count as
 * answers; anything else the printer sends (automatic status back, XON/XOFF) is skipped. A stray
 * status byte that arrives while no one asks is dropped, so it can't answer the next query.
 */
export function streamStatusAsker(
  stream: Duplex,
  address: string,
  timeoutMs = DEFAULT_STATUS_TIMEOUT_MS,
): StreamAsker {
  let waiting: { resolve(byte: number): void } | null = null;

  const onData = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    for (const b of bytes) {
      if (waiting && isStatusByte(b)) {
        const w = waiting;
        waiting = null;
        w.resolve(b);
      }
    }
  };
  stream.on('data', onData);

  return {
    ask(n: StatusRequest): Promise<number> {
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting = null;
          reject(
            new PrinterError(
              'PRINTER_TIMEOUT',
              address,
              `no answer to DLE EOT ${n} within ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        waiting = {
          resolve: (byte) => {
            clearTimeout(timer);
            resolve(byte);
          },
        };
        stream.write(statusQuery(n));
      });
    },
    dispose() {
      stream.off('data', onData);
      waiting = null;
    },
  };
}
