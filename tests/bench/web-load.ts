import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WEB_SOCKET_PATH, WEB_TOKEN_PARAM } from '../../preload/wire';
import { tempDir } from '../support/core';

const CHILD = join(import.meta.dirname, 'web-load-child.ts');

export interface WebLoadWindow {
  /** Sales completed when the window closed. */
  sales: number;
  perSecond: number;
  /** Server CPU (user + system) per sale in the window. */
  cpuMsPerSale: number;
  /** The server's RSS at the window's end. */
  rssMiB: number;
}

/**
 * Clients push cash sales through the web shell (WebSocket, the real wire
 * format) as fast as it answers, `clients` at a time, `total` in all; the
 * till runs in its own process. Figures per window of `window` sales: the
 * throughput, the server's CPU per sale and its RSS — flat from the first
 * window to the last when the cost of a sale doesn't grow with the history
 * the sales themselves pile up (receipts, outbox rows, audit…).
 */
export async function benchWebLoad(o: {
  clients: number;
  total: number;
  window: number;
  /** Sales before the first window (JIT, caches): not counted. */
  warmup: number;
  /** Transactions of history the till starts with. */
  history: number;
}) {
  const tmp = tempDir('pos-bench-load-');
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, tmp.dir, String(o.history)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const samples: Array<{ rss: number; cpuMs: number }> = [];
  let address: { port: number; token: string } | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buffer += d;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl)) as Record<string, number>;
        buffer = buffer.slice(nl + 1);
        if ('port' in line) {
          address = line as unknown as { port: number; token: string };
          resolve();
        } else samples.push(line as unknown as { rss: number; cpuMs: number });
      }
    });
    child.once('exit', (code) => reject(new Error(`till process exited with ${code}`)));
  });
  try {
    await ready;
    const { port, token } = address!;
    const latest = () => samples.at(-1) ?? { rss: 0, cpuMs: 0 };
    let done = 0;
    let started = 0;
    const windows: WebLoadWindow[] = [];
    let mark = { at: performance.now(), cpuMs: latest().cpuMs, sales: 0 };
    const closeWindow = () => {
      const now = { at: performance.now(), cpuMs: latest().cpuMs, sales: done - o.warmup };
      const n = now.sales - mark.sales;
      windows.push({
        sales: now.sales,
        perSecond: (n / (now.at - mark.at)) * 1000,
        cpuMsPerSale: (now.cpuMs - mark.cpuMs) / n,
        rssMiB: latest().rss / 1024 / 1024,
      });
      mark = now;
    };
    const client = async () => {
      const ws = new WebSocket(
        `ws://127.0.0.1:${port}${WEB_SOCKET_PATH}?${WEB_TOKEN_PARAM}=${token}`,
      );
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      let next = 1;
      const waiting = new Map<number, (r: { ok: boolean; error?: unknown }) => void>();
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { id?: number; result?: { ok: boolean } };
        if (frame.id !== undefined) waiting.get(frame.id)?.(frame.result!);
      });
      while (started < o.warmup + o.total) {
        started += 1;
        const id = next++;
        const result = await new Promise<{ ok: boolean; error?: unknown }>((resolve) => {
          waiting.set(id, resolve);
          ws.send(
            JSON.stringify({
              id,
              // sale:cash is a command: each call carries its own request id, as the renderer's do
              requestId: randomBytes(16).toString('hex'),
              channel: 'sale:cash',
              input: {
                items: [
                  { name: '矿泉水', quantity: 2, unitPriceFen: 350 },
                  { name: '面包', quantity: 1, unitPriceFen: 534 },
                ],
                tenderedFen: 2000,
              },
            }),
          );
        });
        waiting.delete(id);
        if (!result.ok) throw new Error(`sale refused: ${JSON.stringify(result.error)}`);
        done += 1;
        if (done === o.warmup) mark = { at: performance.now(), cpuMs: latest().cpuMs, sales: 0 };
        if (done > o.warmup && (done - o.warmup) % o.window === 0) closeWindow();
      }
      ws.close();
    };
    await Promise.all(Array.from({ length: o.clients }, client));
    return { windows };
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve).once('error', resolve));
    tmp.remove();
  }
}
