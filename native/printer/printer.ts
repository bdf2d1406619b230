import { Buffer } from 'node:buffer';
import type { DrawerOpenLevel, PrinterStatus } from './status';
import { queryStatusTcp, sendTcp, tcpAddress } from './transport-tcp';

export { PrinterError } from './errors';
export type { PrinterErrorCode } from './errors';

export type PrinterTarget = 'virtual' | 'tcp' | 'serial' | 'usb';

/** A receipt printer. `T` narrows the target (the print queue records which one took a job). */
export interface ReceiptPrinter<T extends PrinterTarget = PrinterTarget> {
  readonly target: T;
  readonly address: string;
  /** Resolves once the printer has taken the whole job; rejects with a PrinterError. */
  print(bytes: Uint8Array): Promise<void>;
  /**
   * Real-time status (DLE EOT 1–4). Absent where there is no printer to ask (virtual). Rejects
   * with a PrinterError when the printer can't be reached or doesn't answer.
   */
  queryStatus?(): Promise<PrinterStatus>;
}

export interface TcpPrinterConfig {
  host: string;
  port: number;
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
  /** How long each status answer may take (default 2 s). */
  statusTimeoutMs?: number;
  drawerOpenLevel?: DrawerOpenLevel;
}

/** No hardware: the app renders the job's bytes on screen, so there is nothing to wait for. */
export function createVirtualPrinter(): ReceiptPrinter {
  return {
    target: 'virtual',
    address: 'virtual',
    print: () => Promise.resolve(),
  };
}

export type TcpReceiptPrinter = ReceiptPrinter<'tcp'> & {
  queryStatus(): Promise<PrinterStatus>;
};

export function createTcpPrinter(cfg: TcpPrinterConfig): TcpReceiptPrinter {
  const target = { ...cfg };
  // One connection at a time: a 9100 port serves a single client, so a second concurrent job
  // would be refused or wait in the backlog and time out instead of printing next.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    target: 'tcp',
    address: tcpAddress(cfg.host, cfg.port),
    print(bytes: Uint8Array): Promise<void> {
      // Copied now so a caller reusing its buffer can't change a job that is still queued.
      const job = Buffer.from(bytes);
      const run = queue.then(() => sendTcp(target, job));
      queue = run.catch(() => undefined);
      return run;
    },
    queryStatus(): Promise<PrinterStatus> {
      const run = queue.then(() =>
        queryStatusTcp(target, {
          statusTimeoutMs: target.statusTimeoutMs,
          drawerOpenLevel: target.drawerOpenLevel,
        }),
      );
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
