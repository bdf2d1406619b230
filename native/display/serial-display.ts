import type { Duplex } from 'node:stream';
import { openSerialPort, type SerialPortSettings } from '../serial/open-port';
import { type CustomerDisplay, DisplayError, type DisplayLines } from './types';
import { encodeClear, encodeShow, ESC_INIT, type VfdOptions } from './vfd-commands';

export interface SerialCustomerDisplayOptions extends VfdOptions {
  /** How long one update may take to be written (default 2 s). */
  writeTimeoutMs?: number;
}

const DEFAULT_WRITE_TIMEOUT_MS = 2_000;

/**
 * Driver for an ESC/POS-style pole display on a serial port (any Duplex: a `serialport` port in
 * the app, a pseudo-terminal in tests). Nothing comes back from such a display; an update
 * resolves once its bytes are written. The first update starts with ESC @, so whatever an earlier
 * program left (another mode, a half-sent command) is cleared.
 */
export function createSerialCustomerDisplay(
  port: Duplex,
  opts: SerialCustomerDisplayOptions = {},
): CustomerDisplay {
  const writeTimeoutMs = opts.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS;
  let initialised = false;
  let closed = false;
  let failure: DisplayError | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const onPortError = (cause: Error) => {
    failure = new DisplayError('DISPLAY_PORT_ERROR', `display port error: ${cause.message}`, {
      cause,
    });
  };
  port.on('error', onPortError);

  const write = (bytes: Buffer): Promise<void> => {
    const run = () =>
      new Promise<void>((resolve, reject) => {
        if (closed) return reject(new DisplayError('DISPLAY_CLOSED', 'display is closed'));
        if (failure) return reject(failure);
        if (port.destroyed || !port.writable) {
          return reject(new DisplayError('DISPLAY_PORT_ERROR', 'display port is not open'));
        }
        const payload = initialised ? bytes : Buffer.concat([ESC_INIT, bytes]);
        const timer = setTimeout(
          () =>
            reject(
              new DisplayError('DISPLAY_TIMEOUT', `display write took over ${writeTimeoutMs} ms`),
            ),
          writeTimeoutMs,
        );
        port.write(payload, (error) => {
          clearTimeout(timer);
          if (error) {
            reject(
              new DisplayError('DISPLAY_PORT_ERROR', `display write failed: ${error.message}`, {
                cause: error,
              }),
            );
          } else {
            initialised = true;
            resolve();
          }
        });
      });
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    kind: 'serial',
    show: (lines: DisplayLines) => write(encodeShow(lines, opts)),
    clear: () => write(encodeClear()),
    async close() {
      if (closed) return;
      await queue;
      closed = true;
      if (port.destroyed) {
        port.off('error', onPortError);
        return;
      }
      await new Promise<void>((resolve) => {
        port.once('close', () => resolve());
        port.destroy();
      });
      port.off('error', onPortError);
    },
  };
}

/** Opens the display's serial port and returns its driver; rejects with a SerialPortError. */
export async function openSerialCustomerDisplay(
  settings: SerialPortSettings,
  opts: SerialCustomerDisplayOptions = {},
): Promise<CustomerDisplay> {
  const port = await openSerialPort(settings);
  return createSerialCustomerDisplay(port, opts);
}
