import { createServer, type AddressInfo, type Socket } from 'node:net';
import { serveConnection } from './connection';
import { createContext, registerTerminal, unregisterTerminal, uploadKey } from './context';
import type { TrainingHost, TrainingHostOptions } from './types';

/**
 * The training acquirer host: a real TCP server on loopback speaking the
 * bytes of HOST-PROTOCOL.md part A, so that the client (and a trainee) goes
 * through exactly the code path of a real acquirer. Everything it knows —
 * terminals, keys, ledger, fault knobs — belongs to this one instance.
 */
export async function startTrainingHost(opts: TrainingHostOptions = {}): Promise<TrainingHost> {
  const ctx = createContext(opts);
  const keepOpen = opts.keepConnectionOpen ?? false;
  const sockets = new Set<Socket>();
  /** Pending waits of the delay knob, each with the function that ends it early. */
  const waits = new Map<NodeJS.Timeout, () => void>();
  let closed: Promise<void> | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve();
      }, ms);
      waits.set(timer, resolve);
    });

  const server = createServer((socket) => {
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    if (closed || ctx.faults.refusing()) {
      ctx.emit({ kind: 'refused', remote });
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serveConnection(socket, { ctx, keepOpen, sleep });
  });
  // A listening server's own errors (there are few after listen) must not crash the process.
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      server.on('error', (err) => ctx.emit({ kind: 'error', remote: '', detail: err.message }));
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    host,
    port,
    register: (t) => registerTerminal(ctx, t),
    unregister: (terminal) => unregisterTerminal(ctx, terminal),
    ledger: () => ctx.ledger.snapshot(),
    log: () => ctx.log.map((e) => ({ ...e })),
    uploads: (terminal, batch) =>
      (ctx.uploads.get(uploadKey(terminal, batch)) ?? []).map((u) => ({ ...u })),
    faults: ctx.faults.knobs,
    settlementVerdict(terminal, verdict) {
      ctx.verdicts.set(terminal, verdict);
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        for (const [timer, end] of waits) {
          clearTimeout(timer);
          end();
        }
        waits.clear();
      });
      return closed;
    },
  };
}
