import { Buffer } from 'node:buffer';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

export interface PrinterSimulator {
  readonly host: string;
  readonly port: number;
  /** One Buffer per closed client connection, in the order the connections closed. */
  jobs(): Buffer[];
  /** Resolves with all jobs once at least `count` have arrived; rejects after timeoutMs (10 s). */
  waitForJobs(count: number, timeoutMs?: number): Promise<Buffer[]>;
  /** Stops listening and drops open connections; the port is free again when this resolves. */
  close(): Promise<void>;
}

export interface PrinterSimulatorOptions {
  host?: string;
  port?: number;
  /** Called as each job completes (the CLI prints it). */
  onJob?: (job: Buffer) => void;
}

interface Waiter {
  count: number;
  resolve: (jobs: Buffer[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const DEFAULT_WAIT_MS = 10_000;

/**
 * A loopback stand-in for a raw-TCP (9100) receipt printer: it reads everything a client sends
 * until the client half-closes, then closes its side the way a real printer does, and records
 * the bytes as one job.
 */
export function startPrinterSimulator(
  opts: PrinterSimulatorOptions = {},
): Promise<PrinterSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const waiters = new Set<Waiter>();
  let closing = false;

  const settleWaiters = (): void => {
    for (const waiter of waiters) {
      if (received.length >= waiter.count) {
        waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(received.slice());
      }
    }
  };

  // allowHalfOpen false: when the client ends, Node ends our side too, which is the printer's
  // "job done" signal the transport waits for.
  const server = createServer({ allowHalfOpen: false }, (socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A client that resets mid-job still leaves what it sent, as on paper.
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      // Connections we cut in close() are our teardown, not jobs.
      if (closing) return;
      const job = Buffer.concat(chunks);
      received.push(job);
      opts.onJob?.(job);
      settleWaiters();
    });
  });

  return new Promise<PrinterSimulator>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: opts.port ?? 0 }, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      let closed: Promise<void> | undefined;

      resolve({
        host,
        port: address.port,
        jobs: () => received.slice(),
        waitForJobs(count: number, timeoutMs = DEFAULT_WAIT_MS): Promise<Buffer[]> {
          if (received.length >= count) return Promise.resolve(received.slice());
          if (closing) return Promise.reject(new Error('printer simulator is closed'));
          return new Promise<Buffer[]>((resolveWait, rejectWait) => {
            const waiter: Waiter = {
              count,
              resolve: resolveWait,
              reject: rejectWait,
              timer: setTimeout(() => {
                waiters.delete(waiter);
                rejectWait(
                  new Error(
                    `expected ${count} print jobs within ${timeoutMs} ms, got ${received.length}`,
                  ),
                );
              }, timeoutMs),
            };
            waiters.add(waiter);
          });
        },
        close(): Promise<void> {
          closed ??= new Promise<void>((resolveClose) => {
            closing = true;
            for (const waiter of waiters) {
              clearTimeout(waiter.timer);
              waiter.reject(new Error('printer simulator closed while waiting for jobs'));
            }
            waiters.clear();
            server.close(() => resolveClose());
            for (const socket of sockets) socket.destroy();
          });
          return closed;
        },
      });
    });
  });
}
