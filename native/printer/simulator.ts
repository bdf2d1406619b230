import type { Buffer } from 'node:buffer';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { emulatePrinterOn } from './device-emulator';
import type { SimulatedPrinterState } from './status';

export interface PrinterSimulator {
  readonly host: string;
  readonly port: number;
  /**
   * One Buffer per closed client connection, in the order the connections closed, without the
   * DLE EOT status queries. A connection that only asked for status is not a job.
   */
  jobs(): Buffer[];
  /** Connections that only asked for status (DLE EOT) and sent nothing to print. */
  statusQueries(): number;
  /** The state DLE EOT answers report (cover, paper, offline, error); see SimulatedPrinterState. */
  state(): SimulatedPrinterState;
  /** Replaces the state; connections open now answer their next query from it. */
  setState(state: SimulatedPrinterState): void;
  /** Resolves with all jobs once at least `count` have arrived; rejects after timeoutMs (10 s). */
  waitForJobs(count: number, timeoutMs?: number): Promise<Buffer[]>;
  /** The next `n` connections are cut as their first bytes arrive (a printer that disconnects mid-job). */
  disconnectNext(n: number): void;
  /** Stops listening and drops open connections; the port is free again when this resolves. */
  close(): Promise<void>;
}

export interface PrinterSimulatorOptions {
  host?: string;
  port?: number;
  /** Called as each job completes (the CLI prints it). */
  onJob?: (job: Buffer) => void;
  /** What DLE EOT answers report; default a ready printer (online, paper, cover shut). */
  state?: SimulatedPrinterState;
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
  let statusOnly = 0;
  let state: SimulatedPrinterState = { ...opts.state };
  const sockets = new Set<Socket>();
  const waiters = new Set<Waiter>();
  let closing = false;
  let disconnect = 0;

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
    // Print data is kept; DLE EOT queries are answered from the current state, as a printer does.
    const link = emulatePrinterOn(socket, { state: () => state });
    if (disconnect > 0) {
      disconnect -= 1;
      socket.once('data', () => setImmediate(() => socket.destroy()));
    }
    // A client that resets mid-job still leaves what it sent, as on paper.
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      link.detach();
      // Connections we cut in close() are our teardown, not jobs.
      if (closing) return;
      const job = link.data();
      if (job.length === 0 && link.queries() > 0) {
        statusOnly += 1;
        return;
      }
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
        statusQueries: () => statusOnly,
        state: () => ({ ...state }),
        setState(next: SimulatedPrinterState): void {
          state = { ...next };
        },
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
        disconnectNext(n: number): void {
          disconnect = n;
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
