import { Buffer } from 'node:buffer';
import type { SerialPort } from 'serialport';
import {
  closeSerialPort,
  openSerialPort,
  type SerialPortSettings,
  writeAndDrain,
} from '../serial/open-port';
import { PrinterError } from './errors';
import type { PrinterErrorCode } from './errors';
import type { ReceiptPrinter } from './printer';
import type { DrawerOpenLevel, PrinterStatus } from './status';
import { DEFAULT_STATUS_TIMEOUT_MS, readPrinterStatus, streamStatusAsker } from './status-query';

export interface SerialPrinterConfig extends SerialPortSettings {
  /** How long sending a job may take before it counts as stuck (default 15 s). */
  writeTimeoutMs?: number;
  /** How long each DLE EOT answer may take (default 2 s). */
  statusTimeoutMs?: number;
  /**
   * After sending a job, ask DLE EOT 1 and wait for the answer (default true). A serial line
   * takes bytes whether or not a printer is on the other end; an answer proves one is, powered and
   * listening, so a job sent into a switched-off printer stays in the print queue.
   */
  confirmWithStatus?: boolean;
  drawerOpenLevel?: DrawerOpenLevel;
}

export type SerialReceiptPrinter = ReceiptPrinter<'serial'> & {
  queryStatus(): Promise<PrinterStatus>;
};

const DEFAULT_WRITE_TIMEOUT_MS = 15_000;

export function serialAddress(path: string): string {
  return `serial:${path}`;
}

function timeout<T>(work: Promise<T>, ms: number, onTimeout: () => PrinterError): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/**
 * A receipt printer on a serial port (RS-232, or a USB-serial adapter). The port is opened for
 * each job or status query and closed after it, so an adapter unplugged and plugged back in works
 * again at the next job; jobs and queries run one at a time.
 */
export function createSerialPrinter(cfg: SerialPrinterConfig): SerialReceiptPrinter {
  const settings = { ...cfg };
  const address = serialAddress(cfg.path);
  const writeTimeoutMs = cfg.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS;
  const statusTimeoutMs = cfg.statusTimeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS;
  let queue: Promise<unknown> = Promise.resolve();

  const fail = (code: PrinterErrorCode, message: string, cause?: unknown): PrinterError =>
    new PrinterError(code, address, message, cause === undefined ? undefined : { cause });

  /** Opens the port, runs `work`, closes it; failures of the port itself become PrinterErrors. */
  async function session<T>(work: (port: SerialPort) => Promise<T>): Promise<T> {
    let port: SerialPort;
    try {
      port = await openSerialPort(settings);
    } catch (error) {
      throw fail('PRINTER_UNREACHABLE', (error as Error).message, error);
    }
    // An unplugged adapter ends the port with an error or a close; either aborts the work.
    let onLost: (error?: Error) => void = () => {};
    const lost = new Promise<never>((_, reject) => {
      onLost = (error) =>
        reject(fail('PRINTER_DISCONNECTED', error?.message ?? 'port closed', error));
    });
    lost.catch(() => undefined);
    const onError = (error: Error) => onLost(error);
    const onClose = () => onLost();
    port.on('error', onError);
    port.once('close', onClose);
    try {
      return await Promise.race([work(port), lost]);
    } finally {
      port.off('close', onClose);
      await closeSerialPort(port);
      port.off('error', onError);
    }
  }

  function serialised<T>(run: () => Promise<T>): Promise<T> {
    const result = queue.then(run);
    queue = result.catch(() => undefined);
    return result;
  }

  const statusOf = (port: SerialPort): Promise<PrinterStatus> => {
    const asker = streamStatusAsker(port, address, statusTimeoutMs);
    return readPrinterStatus(asker.ask, { drawerOpenLevel: cfg.drawerOpenLevel }).finally(() =>
      asker.dispose(),
    );
  };

  return {
    target: 'serial',
    address,
    print(bytes: Uint8Array): Promise<void> {
      // Copied now so a caller reusing its buffer can't change a job that is still queued.
      const job = Buffer.from(bytes);
      return serialised(() =>
        session(async (port) => {
          await timeout(
            writeAndDrain(port, job).catch((error: unknown) => {
              throw fail('PRINTER_DISCONNECTED', (error as Error).message, error);
            }),
            writeTimeoutMs,
            () => fail('PRINTER_TIMEOUT', `sending the job timed out after ${writeTimeoutMs} ms`),
          );
          if (cfg.confirmWithStatus ?? true) {
            const asker = streamStatusAsker(port, address, statusTimeoutMs);
            try {
              await asker.ask(1);
            } finally {
              asker.dispose();
            }
          }
        }),
      );
    },
    queryStatus(): Promise<PrinterStatus> {
      return serialised(() => session(statusOf));
    },
  };
}
