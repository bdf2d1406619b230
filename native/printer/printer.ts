import { Buffer } from 'node:buffer';
import { sendTcp, tcpAddress } from './transport-tcp';

export { PrinterError } from './errors';
export type { PrinterErrorCode } from './errors';

export interface ReceiptPrinter {
  readonly target: 'virtual' | 'tcp';
  readonly address: string;
  /** Resolves once the printer has taken the whole job; rejects with a PrinterError. */
  print(bytes: Uint8Array): Promise<void>;
}

export interface TcpPrinterConfig {
  host: string;
  port: number;
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
}

/** No hardware: the app renders the job's bytes on screen, so there is nothing to wait for. */
export function createVirtualPrinter(): ReceiptPrinter {
  return {
    target: 'virtual',
    address: 'virtual',
    print: () => Promise.resolve(),
  };
}

export function createTcpPrinter(cfg: TcpPrinterConfig): ReceiptPrinter {
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
  };
}
