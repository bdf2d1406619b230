import { Socket } from 'node:net';
import { PrinterError } from './errors';
import type { PrinterErrorCode } from './errors';
import type { CombineOptions, PrinterStatus } from './status';
import { readPrinterStatus, type StreamAsker, streamStatusAsker } from './status-query';

export interface TcpTarget {
  host: string;
  port: number;
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_WRITE_TIMEOUT_MS = 15_000;

export function tcpAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

// A connect timeout reported by the OS is still a timeout for the cashier; everything else that
// stops a connection from being set up (refused, no route, bad name) means "can't reach it".
function connectFailureCode(error: NodeJS.ErrnoException): PrinterErrorCode {
  return error.code === 'ETIMEDOUT' ? 'PRINTER_TIMEOUT' : 'PRINTER_UNREACHABLE';
}

/**
 * Sends one job over raw TCP (JetDirect-style port 9100): connect, write everything, half-close,
 * and wait for the printer to close its side.
 *
 * Success means the peer closed after our FIN. Bytes merely handed to the kernel prove nothing: a
 * printer that is out of paper stops reading but its TCP stack still accepts a small receipt, so
 * a job whose connection the printer never closes within writeTimeoutMs is PRINTER_TIMEOUT and
 * stays in the print queue.
 */
export function sendTcp(target: TcpTarget, bytes: Uint8Array): Promise<void> {
  const address = tcpAddress(target.host, target.port);
  const connectTimeoutMs = target.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const writeTimeoutMs = target.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS;

  return new Promise<void>((resolve, reject) => {
    const socket = new Socket();
    let connected = false;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;

    const settle = (error?: PrinterError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        socket.destroy();
        reject(error);
      } else {
        resolve();
      }
    };
    const startTimer = (ms: number, what: string): void => {
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          settle(new PrinterError('PRINTER_TIMEOUT', address, `${what} timed out after ${ms} ms`)),
        ms,
      );
    };

    socket.on('error', (error: NodeJS.ErrnoException) => {
      const code = connected ? 'PRINTER_DISCONNECTED' : connectFailureCode(error);
      settle(new PrinterError(code, address, error.code ?? error.message, { cause: error }));
    });
    socket.on('close', () => {
      // writableFinished: every byte and our FIN went out before the connection ended.
      if (socket.writableFinished) settle();
      else
        settle(new PrinterError('PRINTER_DISCONNECTED', address, 'closed before the job was sent'));
    });
    // Printers may answer with status bytes; reading them keeps the socket flowing so the peer's
    // FIN is seen and 'close' fires.
    socket.on('data', () => {});
    socket.once('connect', () => {
      connected = true;
      startTimer(writeTimeoutMs, 'sending the job');
      socket.end(bytes);
    });

    startTimer(connectTimeoutMs, 'connecting');
    try {
      socket.connect({ host: target.host, port: target.port });
    } catch (error) {
      // A malformed setting (port out of range) throws here instead of emitting 'error'.
      const reason = error instanceof Error ? error.message : String(error);
      settle(new PrinterError('PRINTER_UNREACHABLE', address, reason, { cause: error }));
    }
  });
}

export interface TcpStatusOptions extends CombineOptions {
  /** How long each DLE EOT answer may take. */
  statusTimeoutMs?: number;
}

/**
 * Asks a 9100 printer for its real-time status (DLE EOT 1–4) on a connection of its own, then
 * half-closes it. A printer that accepts the connection but never answers is PRINTER_TIMEOUT.
 */
export function queryStatusTcp(
  target: TcpTarget,
  opts: TcpStatusOptions = {},
): Promise<PrinterStatus> {
  const address = tcpAddress(target.host, target.port);
  const connectTimeoutMs = target.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;

  return new Promise<PrinterStatus>((resolve, reject) => {
    const socket = new Socket();
    let connected = false;
    let settled = false;
    let asker: StreamAsker | undefined;

    const settle = (error: PrinterError | null, status?: PrinterStatus): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      asker?.dispose();
      if (error) {
        socket.destroy();
        reject(error);
      } else {
        socket.end();
        socket.resume();
        resolve(status as PrinterStatus);
      }
    };
    const connectTimer = setTimeout(
      () =>
        settle(
          new PrinterError(
            'PRINTER_TIMEOUT',
            address,
            `connecting timed out after ${connectTimeoutMs} ms`,
          ),
        ),
      connectTimeoutMs,
    );

    socket.on('error', (error: NodeJS.ErrnoException) => {
      const code = connected ? 'PRINTER_DISCONNECTED' : connectFailureCode(error);
      settle(new PrinterError(code, address, error.code ?? error.message, { cause: error }));
    });
    socket.on('close', () =>
      settle(new PrinterError('PRINTER_DISCONNECTED', address, 'closed before answering status')),
    );
    socket.once('connect', () => {
      connected = true;
      clearTimeout(connectTimer);
      asker = streamStatusAsker(socket, address, opts.statusTimeoutMs);
      readPrinterStatus(asker.ask, opts).then(
        (status) => settle(null, status),
        (error: unknown) =>
          settle(
            error instanceof PrinterError
              ? error
              : new PrinterError('PRINTER_DISCONNECTED', address, String(error), { cause: error }),
          ),
      );
    });

    try {
      socket.connect({ host: target.host, port: target.port });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      settle(new PrinterError('PRINTER_UNREACHABLE', address, reason, { cause: error }));
    }
  });
}
